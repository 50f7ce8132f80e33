using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Bhrpc.Extensions;
using Bhrpc.LoadBalance;
using Bhrpc.Registry;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>Every failure a consumer sees is an <see cref="RpcException"/> with a status that says what went wrong.</summary>
public sealed class ClientFailureTests
{
    [Test]
    public async Task CreateProxy_AfterDispose_ThrowsUnavailableNamingTheInterface()
    {
        await using var harness = await Harness.StartAsync();
        await harness.Client.DisposeAsync().AsTask().WithTimeout();

        var error = Assert.Throws<RpcException>(() => harness.Client.CreateProxy<ICalculator>());

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Unavailable));
        Assert.That(error.Message, Does.Contain("disposed").And.Contain(typeof(ICalculator).FullName!));
    }

    [Test]
    public async Task SyncCall_AfterDispose_ThrowsUnavailableNamingTheService()
    {
        await using var harness = await Harness.StartAsync();
        var proxy = harness.Proxy();
        Assert.That(proxy.Add(1, 1), Is.EqualTo(2));
        await harness.Client.DisposeAsync().AsTask().WithTimeout();

        var error = Assert.Throws<RpcException>(() => proxy.Add(1, 1));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Unavailable));
        Assert.That(error.Message, Does.Contain("disposed").And.Contain(typeof(ICalculator).FullName!).And.Contain("Add(int,int)"));
    }

    [Test]
    public async Task AsyncCall_AfterDispose_FailsWithUnavailable()
    {
        await using var harness = await Harness.StartAsync();
        var proxy = harness.Proxy();
        await harness.Client.DisposeAsync().AsTask().WithTimeout();

        var error = Assert.ThrowsAsync<RpcException>(() => proxy.AddAsync(1, 1).WithTimeout());

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Unavailable));
        Assert.That(error.Message, Does.Contain("disposed").And.Contain(typeof(ICalculator).FullName!));
    }

    [Test]
    public async Task RegistryCall_AfterDispose_FailsWithUnavailable()
    {
        await using var harness = await Harness.StartAsync();
        var proxy = harness.Client.CreateProxy<ICalculator>();
        await harness.Client.DisposeAsync().AsTask().WithTimeout();

        var error = Assert.ThrowsAsync<RpcException>(() => proxy.AddAsync(1, 1).WithTimeout());

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Unavailable));
    }

    [Test]
    public async Task LoadBalancerThrows_CallFailsWithRpcExceptionCarryingTheCause()
    {
        var extensions = new ExtensionLoader(new ExtensionLoaderOptions()).Register<ILoadBalancer>("broken", () => new BrokenLoadBalancer());
        await using var harness = await Harness.StartAsync(client: c => c.Extensions = extensions);
        var proxy = harness.Proxy(r => r.LoadBalancer = "broken");

        var error = Assert.Throws<RpcException>(() => proxy.Add(1, 1));

        Assert.That(error!.InnerException, Is.InstanceOf<InvalidOperationException>());
        Assert.That(error.Message, Does.Contain("Add(int,int)").And.Contain("broken on purpose"));
        Assert.That(Assert.ThrowsAsync<RpcException>(() => proxy.AddAsync(1, 1).WithTimeout())!.InnerException, Is.InstanceOf<InvalidOperationException>());
    }

    [Test]
    public async Task Connect_ProviderNeverAccepts_FailsWithConnectionClosedWithinConnectTimeout()
    {
        // A listener with a backlog of one that never accepts: once its queue is full, the kernel drops new SYNs.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<Socket>();
        try
        {
            for (var i = 0; i < 8 && !ConnectHangs(port, fillers); i++)
            {
            }

            Assume.That(fillers.Count, Is.LessThan(8), "the kernel accepted every connection into the backlog");
            await using var client = new RpcClient(new ClientOptions { ConnectTimeout = TimeSpan.FromMilliseconds(300) });
            var proxy = client.CreateProxy<ICalculator>(r =>
            {
                r.DirectAddress = $"127.0.0.1:{port}";
                r.Timeout = TimeSpan.FromSeconds(10);
            });

            var watch = Stopwatch.StartNew();
            var error = Assert.Throws<RpcException>(() => proxy.Add(1, 1));
            watch.Stop();

            Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.ConnectionClosed));
            Assert.That(error.Message, Does.Contain($"could not connect to 127.0.0.1:{port}").And.Contain("ClientOptions.ConnectTimeout (300 ms)"));
            Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290)).And.LessThan(TimeSpan.FromSeconds(2)));
        }
        finally
        {
            fillers.ForEach(s => s.Dispose());
        }
    }

    [Test]
    public async Task Connect_NothingListening_FailsWithConnectionClosedNamingTheAddress()
    {
        var port = UnusedPort();
        await using var client = new RpcClient();
        var proxy = client.CreateProxy<ICalculator>(r => r.DirectAddress = $"127.0.0.1:{port}");

        var error = Assert.Throws<RpcException>(() => proxy.Add(1, 1));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.ConnectionClosed));
        Assert.That(error.Message, Does.Contain($"could not connect to 127.0.0.1:{port}").And.Contain("Add(int,int)"));
        Assert.That(Causes(error).OfType<SocketException>().Single().SocketErrorCode, Is.EqualTo(SocketError.ConnectionRefused));
    }

    private static IEnumerable<Exception> Causes(Exception error)
    {
        for (var e = error.InnerException; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    [Test]
    public async Task OnewayCall_NothingListening_FailsWithConnectionClosedInsteadOfReportingSent()
    {
        var port = UnusedPort();
        await using var client = new RpcClient();
        var proxy = client.CreateProxy<ICalculatorOneway>(r =>
        {
            r.DirectAddress = $"127.0.0.1:{port}";
            r.Oneway = true;
        });

        var sync = Assert.Throws<RpcException>(() => proxy.Record("lost"));
        var async = Assert.ThrowsAsync<RpcException>(() => proxy.WaitAtGateAsync(1).WithTimeout());

        Assert.That(sync!.StatusCode, Is.EqualTo(RpcStatusCode.ConnectionClosed));
        Assert.That(sync.Message, Does.Contain($"could not connect to 127.0.0.1:{port}").And.Contain("Record("));
        Assert.That(async!.StatusCode, Is.EqualTo(RpcStatusCode.ConnectionClosed));
    }

    private static int UnusedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>Opens one more filler connection; true when it did not complete within 200 ms (the backlog is full).</summary>
    private static bool ConnectHangs(int port, List<Socket> fillers)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
        fillers.Add(socket);
        try
        {
            socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
        }

        return !socket.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectWrite);
    }

    private sealed class BrokenLoadBalancer : ILoadBalancer
    {
        public Bhrpc.Cluster.Provider Select(IReadOnlyList<Bhrpc.Cluster.Provider> providers, in LoadBalanceContext context)
            => throw new InvalidOperationException("broken on purpose");
    }
}
