using System.Diagnostics;
using Bhrpc.Protocol;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>Timeouts, oneway calls, dropped connections, heartbeats and stopping a server with calls in flight.</summary>
public sealed class LifecycleTests
{
    private static async Task ArrivalsAsync(Calculator service, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await service.Arrivals.WaitAsync(TaskTimeoutExtensions.DefaultTimeout);
        }
    }

    [Test]
    public async Task Timeout_FiresWithinTimeoutPlus200MsAndLeavesNoPendingEntry()
    {
        await using var harness = await Harness.StartAsync();
        var proxy = harness.Proxy(r => r.Timeout = TimeSpan.FromMilliseconds(300));

        var watch = Stopwatch.StartNew();
        var error = Assert.ThrowsAsync<RpcException>(() => proxy.WaitAtGateAsync(1).WithTimeout());
        watch.Stop();

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Timeout));
        Assert.That(error.Message, Does.Contain("300 ms").And.Contain("WaitAtGateAsync(int)"));
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290)).And.LessThan(TimeSpan.FromMilliseconds(500)));
        Assert.That(harness.Client.PendingCalls, Is.Zero);

        // The late response, once the provider finishes, is dropped and the connection keeps working.
        harness.Service.OpenGate();
        Assert.That(await proxy.AddAsync(1, 2).WithTimeout(), Is.EqualTo(3));
        Assert.That(harness.Client.PendingCalls, Is.Zero);
    }

    [Test]
    public async Task SyncTimeout_BlocksOnlyItsCaller()
    {
        await using var harness = await Harness.StartAsync();
        var slow = harness.Proxy(r => r.Timeout = TimeSpan.FromMilliseconds(500));
        var fast = harness.Proxy();

        var blocked = Task.Run(() => slow.WaitAtGateAsync(1).GetAwaiter().GetResult());
        await ArrivalsAsync(harness.Service, 1);

        Assert.That(fast.Add(1, 1), Is.EqualTo(2));
        Assert.ThrowsAsync<RpcException>(() => blocked.WithTimeout());
        harness.Service.OpenGate();
    }

    [Test]
    public async Task Oneway_ReturnsWithoutWaitingAndTheProviderRunsIt()
    {
        await using var harness = await Harness.StartAsync();
        var proxy = harness.Client.CreateProxy<ICalculatorOneway>(r =>
        {
            r.DirectAddress = $"127.0.0.1:{harness.Server.Port}";
            r.ServiceName = typeof(ICalculator).FullName;
            r.Oneway = true;
        });

        // The provider blocks this call at its gate; a oneway caller does not wait for it.
        await proxy.WaitAtGateAsync(5).WithTimeout();
        proxy.Record("fire and forget");

        Assert.That(await harness.Service.Recorded.Reader.ReadAsync().AsTask().WithTimeout(), Is.EqualTo("fire and forget"));
        await ArrivalsAsync(harness.Service, 1);
        Assert.That(harness.Client.PendingCalls, Is.Zero);
        harness.Service.OpenGate();
    }

    [Test]
    public async Task Oneway_ProviderSendsNoResponseFrame()
    {
        await using var harness = await Harness.StartAsync();
        await using var raw = await RawConnection.ConnectAsync(harness.Server.Port);

        await raw.SendAsync(RawConnection.RequestFrame(1, RawConnection.Request("Record", ["java.lang.String"], ["one"], oneway: true)));
        Assert.That(await harness.Service.Recorded.Reader.ReadAsync().AsTask().WithTimeout(), Is.EqualTo("one"));
        await raw.SendAsync(RawConnection.RequestFrame(2, RawConnection.Request("Add", ["int", "int"], [1, 2])));

        var frame = await raw.ReadResponseAsync();
        Assert.That(frame, Is.Not.Null);
        Assert.That(frame!.Value.Header.RequestId, Is.EqualTo(2), "the first response must answer the normal call: the oneway call gets none");
    }

    [Test]
    public async Task ConnectionDrops_PendingCallsFailAtOnceAndTheNextCallReconnects()
    {
        await using var harness = await Harness.StartAsync();
        var proxy = harness.Proxy(r => r.Timeout = TimeSpan.FromSeconds(30));
        var pending = Enumerable.Range(0, 3).Select(proxy.WaitAtGateAsync).ToArray();
        await ArrivalsAsync(harness.Service, 3);

        var watch = Stopwatch.StartNew();
        harness.Server.AbortConnections();
        foreach (var call in pending)
        {
            var error = Assert.ThrowsAsync<RpcException>(() => call.WithTimeout());
            Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.ConnectionClosed));
        }

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "pending calls fail when the connection drops, not at their timeout");
        Assert.That(harness.Client.PendingCalls, Is.Zero);
        Assert.That(await proxy.AddAsync(2, 2).WithTimeout(), Is.EqualTo(4));
        harness.Service.OpenGate();
    }

    [Test]
    public async Task StopWithCallsInFlight_TheyCompleteWhileNewCallsFailFast()
    {
        // No grace period: new calls are refused as soon as stopping begins (GracefulStopTests covers the grace).
        await using var harness = await Harness.StartAsync(server: s => s.GracePeriod = TimeSpan.Zero);
        var proxy = harness.Proxy();
        var inFlight = Enumerable.Range(0, 5).Select(proxy.WaitAtGateAsync).ToArray();
        await ArrivalsAsync(harness.Service, 5);

        var stopping = harness.Server.StopAsync();
        await harness.Server.Refusing.WithTimeout();
        Assert.That(harness.Server.Registrations, Is.Empty, "the server deregisters before it drains");

        var watch = Stopwatch.StartNew();
        var refused = Assert.ThrowsAsync<RpcException>(() => proxy.AddAsync(1, 1).WithTimeout());
        Assert.That(refused!.StatusCode, Is.EqualTo(RpcStatusCode.Unavailable).Or.EqualTo(RpcStatusCode.ConnectionClosed));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        Assert.That(stopping.IsCompleted, Is.False, "stopping waits for the calls in flight");

        harness.Service.OpenGate();
        Assert.That(await Task.WhenAll(inFlight).WithTimeout(), Is.EqualTo(new[] { 0, 1, 2, 3, 4 }));
        await stopping.WithTimeout();
    }

    [Test]
    public async Task CallToAStoppedServer_FailsFastWithConnectionClosed()
    {
        await using var harness = await Harness.StartAsync();
        var proxy = harness.Proxy();
        Assert.That(proxy.Add(1, 1), Is.EqualTo(2));
        await harness.Server.StopAsync().WithTimeout();

        var watch = Stopwatch.StartNew();
        var error = Assert.ThrowsAsync<RpcException>(() => proxy.AddAsync(1, 1).WithTimeout());
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.ConnectionClosed));
        Assert.That(error.Message, Does.Contain($"127.0.0.1:{harness.Server.Port}"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public async Task StoppedServer_IsGoneFromTheRegistry()
    {
        await using var harness = await Harness.StartAsync();
        var proxy = harness.Client.CreateProxy<ICalculator>();
        Assert.That(proxy.Add(1, 2), Is.EqualTo(3));
        await harness.Server.StopAsync().WithTimeout();

        await using var fresh = new RpcClient(new ClientOptions { Registry = new RegistryOptions { Address = harness.RegistryFolder } });
        var error = Assert.Throws<RpcException>(() => fresh.CreateProxy<ICalculator>().Add(1, 2));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.NoProvider));
    }

    [Test]
    public async Task Server_AnswersAConsumerPingWithAPongOfTheSameId()
    {
        await using var harness = await Harness.StartAsync();
        await using var raw = await RawConnection.ConnectAsync(harness.Server.Port);

        await raw.SendAsync(RawConnection.RawFrame(MessageType.HeartbeatFromConsumer, 77, [1, 2, 3]));
        var pong = await raw.ReadFrameAsync();

        Assert.That(pong, Is.Not.Null);
        Assert.That(pong!.Value.Header.Type, Is.EqualTo(MessageType.HeartbeatToConsumer));
        Assert.That(pong.Value.Header.RequestId, Is.EqualTo(77));
        Assert.That(pong.Value.Header.Serializer, Is.EqualTo("json"));
    }

    [Test]
    public async Task Server_PingsAndClosesAConnectionSilentForThreeIntervals()
    {
        await using var harness = await Harness.StartAsync(server: s => s.HeartbeatInterval = TimeSpan.FromMilliseconds(100));
        await using var raw = await RawConnection.ConnectAsync(harness.Server.Port);

        var watch = Stopwatch.StartNew();
        var pings = 0;
        while (await raw.ReadFrameAsync() is { } frame)
        {
            Assert.That(frame.Header.Type, Is.EqualTo(MessageType.HeartbeatFromProvider));
            pings++;
        }

        Assert.That(pings, Is.GreaterThanOrEqualTo(1));
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)).And.LessThan(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task IdleClientConnection_IsKeptAliveByHeartbeats()
    {
        await using var harness = await Harness.StartAsync(
            server: s => s.HeartbeatInterval = TimeSpan.FromMilliseconds(100),
            client: c => c.HeartbeatInterval = TimeSpan.FromMilliseconds(100));
        var proxy = harness.Proxy();
        Assert.That(proxy.Add(1, 1), Is.EqualTo(2));
        var before = harness.Client.OpenConnections.Single();

        // Idle for ten intervals: both sides ping, neither side closes.
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.That(harness.Client.OpenConnections, Is.EqualTo(new[] { before }));
        Assert.That(harness.Server.ConnectionCount, Is.EqualTo(1));
        Assert.That(proxy.Add(2, 2), Is.EqualTo(4));
    }
}
