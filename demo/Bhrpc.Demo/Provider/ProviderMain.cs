using Bhrpc.Demo.Api;

namespace Bhrpc.Demo.Provider;

/// <summary><c>--role provider</c>: exports <see cref="IDemoService"/>, <see cref="IAuditLog"/> and <see cref="IProtoGreeter"/>, prints <c>ready host:port</c>, runs until <c>quit</c> or end of input.</summary>
public static class ProviderMain
{
    public static async Task<int> RunAsync(RegistryOptions registry, string name)
    {
        var service = new DemoService(name);
        await using var server = await new RpcServerBuilder()
            .Listen("127.0.0.1", 0)
            .UseRegistry(registry)
            .AddService<IDemoService>(service, s => s.Group = "demo")
            .AddService<IAuditLog>(service, s => s.Group = "demo")
            .AddService<IProtoGreeter>(new ProtoGreeter(name), s => s.Group = "demo")
            .StartAsync();
        Console.WriteLine($"ready {server.Address}");

        // Oneway calls get no response, so the provider says on its output what it received.
        var audits = Task.Run(async () =>
        {
            await foreach (var message in service.Audited.Reader.ReadAllAsync())
            {
                Console.WriteLine($"audited {message}");
            }
        });

        while (await Console.In.ReadLineAsync() is { } line && line != "quit")
        {
        }

        service.Audited.Writer.TryComplete();
        await audits;
        await server.StopAsync();
        return 0;
    }
}
