using Bhrpc.Registry.Etcd;
using Bhrpc.Tests.EndToEnd;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Registry.Etcd;

/// <summary>A server and a client that find each other through etcd, configured by a registry URL.</summary>
public class EtcdEndToEndTests
{
    [Test]
    public async Task ServerAndClientWithEtcdUrl_CallGoesThroughAndStoppingServerRemovesIt()
    {
        var url = $"etcd://{EtcdTestEnvironment.SharedAddress}{EtcdTestEnvironment.UniqueRoot()}";
        var server = await new RpcServerBuilder()
            .Listen("127.0.0.1", 0)
            .UseRegistry(RegistryOptions.Parse(url))
            .AddService<ICalculator>(new Calculator())
            .StartAsync()
            .WithTimeout();
        await using var client = new RpcClient(new ClientOptions { Registry = RegistryOptions.Parse(url) });
        var proxy = client.CreateProxy<ICalculator>(r => r.Timeout = TimeSpan.FromSeconds(10));

        Assert.That(await proxy.AddAsync(20, 22).WithTimeout(), Is.EqualTo(42));

        await using var registry = new EtcdRegistryFactory().Create(RegistryOptions.Parse(url));
        var serviceKey = Bhrpc.Protocol.ServiceKey.Build(typeof(ICalculator).FullName!, "1.0.0", string.Empty);
        var registered = await registry.DiscoverAsync(serviceKey).WithTimeout();
        Assert.That(registered.Select(i => i.Port), Is.EqualTo(new[] { server.Port }));

        await server.DisposeAsync().AsTask().WithTimeout();

        Assert.That(await registry.DiscoverAsync(serviceKey).WithTimeout(), Is.Empty, "a stopped server leaves nothing in etcd");
    }
}
