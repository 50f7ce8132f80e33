using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>A provider of <see cref="ICalculator"/> on an ephemeral loopback port, a local registry in a temp folder, and a client.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private readonly TempFolder _registryFolder;

    private Harness(TempFolder registryFolder, Calculator service, RpcServer server, RpcClient client)
    {
        _registryFolder = registryFolder;
        Service = service;
        Server = server;
        Client = client;
    }

    public Calculator Service { get; }

    public RpcServer Server { get; }

    public RpcClient Client { get; }

    public string RegistryFolder => _registryFolder.Path;

    public static async Task<Harness> StartAsync(Action<ServerOptions>? server = null, Action<ClientOptions>? client = null)
    {
        var folder = new TempFolder();
        var service = new Calculator();
        var builder = new RpcServerBuilder()
            .Listen("127.0.0.1", 0)
            .UseRegistry("local", folder.Path)
            .AddService<ICalculator>(service);
        if (server is not null)
        {
            builder.Configure(server);
        }

        var rpcServer = await builder.StartAsync().WithTimeout();
        var clientOptions = new ClientOptions { Registry = new RegistryOptions { Type = "local", Address = folder.Path } };
        client?.Invoke(clientOptions);
        return new Harness(folder, service, rpcServer, new RpcClient(clientOptions));
    }

    /// <summary>A proxy connected directly to the server (no registry).</summary>
    public ICalculator Proxy(Action<ReferenceOptions>? configure = null) => Client.CreateProxy<ICalculator>(r =>
    {
        r.DirectAddress = $"127.0.0.1:{Server.Port}";
        r.Timeout = TimeSpan.FromSeconds(10);
        configure?.Invoke(r);
    });

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().AsTask().WithTimeout();
        await Server.DisposeAsync().AsTask().WithTimeout();
        _registryFolder.Dispose();
    }
}
