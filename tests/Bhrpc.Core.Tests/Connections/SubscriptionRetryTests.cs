using System.Net;
using System.Net.Sockets;
using Bhrpc.Extensions;
using Bhrpc.Registry;
using Bhrpc.Tests.EndToEnd;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Connections;

/// <summary>A registry that is unreachable when a reference starts is retried in the background; calls work once it answers.</summary>
public sealed class SubscriptionRetryTests
{
    [Test]
    public async Task Call_RegistryDownAtStart_FailsWithNoProviderThenSucceedsOnceTheRegistryAnswers()
    {
        var registry = new FlakyRegistry();
        await using var harness = await Harness.StartAsync(client: c => UseFlaky(c, registry));
        registry.Instances = [Instance(harness.Server.Port)];
        var proxy = harness.Client.CreateProxy<ICalculator>(r => r.Timeout = TimeSpan.FromSeconds(10));

        var down = Assert.Throws<RpcException>(() => proxy.Add(1, 2))!;
        Assert.That(down.StatusCode, Is.EqualTo(RpcStatusCode.NoProvider));
        Assert.That(down.Message, Does.Contain("flaky://test").And.Contain("retrying in the background").And.Contain("test registry down"));

        registry.ComeUp();

        // Retried without any call (after the first retry's 1 s back-off), and the same proxy works.
        await registry.Watched.WithTimeout();
        Assert.That(registry.Attempts, Is.EqualTo(2));
        Assert.That(proxy.Add(1, 2), Is.EqualTo(3));
        Assert.That(await proxy.AddAsync(2, 2).WithTimeout(), Is.EqualTo(4));
    }

    [Test]
    public async Task Call_WhileRegistryStillDown_FailsAtOnceWithoutWaitingForTheRegistry()
    {
        var registry = new FlakyRegistry();
        await using var client = new RpcClient(UseFlaky(new ClientOptions(), registry));
        var proxy = client.CreateProxy<ICalculator>();
        Assert.ThrowsAsync<RpcException>(() => proxy.AddAsync(1, 2).WithTimeout());

        var again = Assert.ThrowsAsync<RpcException>(() => proxy.AddAsync(1, 2).WithTimeout())!;

        Assert.That(again.StatusCode, Is.EqualTo(RpcStatusCode.NoProvider));
        Assert.That(again.Message, Does.Contain("next attempt in"));
        Assert.That(registry.Attempts, Is.EqualTo(1), "calls made meanwhile should not each try the registry again");
    }

    [Test]
    public async Task Call_ZooKeeperNotListening_FailsWithNoProviderNamingTheRegistryAndTheRetry()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        await using var client = new RpcClient(new ClientOptions
        {
            Registry = new RegistryOptions { Type = "zookeeper", Address = $"127.0.0.1:{port}", ConnectTimeout = TimeSpan.FromMilliseconds(300) },
        });
        var proxy = client.CreateProxy<ICalculator>();

        var error = Assert.ThrowsAsync<RpcException>(() => proxy.AddAsync(1, 2).WithTimeout())!;

        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.NoProvider));
        Assert.That(error.Message, Does.Contain($"zookeeper://127.0.0.1:{port}").And.Contain("retrying in the background"));
    }

    [Test]
    public async Task CreateProxy_EagerWhileRegistryDown_ConnectsOnceTheRegistryAnswers()
    {
        var registry = new FlakyRegistry();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            registry.Instances = [Instance(((IPEndPoint)listener.LocalEndpoint).Port)];
            await using var client = new RpcClient(UseFlaky(new ClientOptions(), registry));

            _ = client.CreateProxy<ICalculator>(r => r.Lazy = false);
            registry.ComeUp();
            using var accepted = await listener.AcceptTcpClientAsync().WithTimeout();

            Assert.That(client.OpenConnections, Has.Count.EqualTo(1));
        }
        finally
        {
            listener.Stop();
        }
    }

    private static ClientOptions UseFlaky(ClientOptions options, FlakyRegistry registry)
    {
        options.Extensions = new ExtensionLoader(new ExtensionLoaderOptions()).Register<IRegistryFactory>("flaky", () => new FlakyRegistryFactory(registry));
        options.Registry = new RegistryOptions { Type = "flaky" };
        return options;
    }

    private static ServiceInstance Instance(int port)
        => new(typeof(ICalculator).FullName!, "1.0.0", string.Empty, "127.0.0.1", port, 1, $"test-{port}", DateTimeOffset.UtcNow);
}
