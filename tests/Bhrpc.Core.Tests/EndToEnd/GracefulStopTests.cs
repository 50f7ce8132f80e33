using System.Diagnostics;
using Bhrpc.Protocol;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>Stopping tells consumers the provider is going away, serves them for the grace period, then drains.</summary>
public sealed class GracefulStopTests
{
    private static readonly TimeSpan s_longGrace = TimeSpan.FromSeconds(30);

    [Test]
    public async Task StopAsync_ConnectedConsumer_ReceivesGoingAwayWithAnEmptyBody()
    {
        await using var harness = await Harness.StartAsync(server: s => s.GracePeriod = s_longGrace);
        await using var raw = await ConnectedAsync(harness);

        var stopping = harness.Server.StopAsync();
        var frame = await raw.ReadFrameAsync();

        Assert.That(frame, Is.Not.Null, "the server closed the connection instead of saying it is going away");
        Assert.Multiple(() =>
        {
            Assert.That(frame!.Value.Header.Type, Is.EqualTo(MessageType.GoingAway));
            Assert.That(frame.Value.Body, Is.Empty);
            Assert.That(frame.Value.Header.Serializer, Is.EqualTo("json"));
            Assert.That(harness.Server.Registrations, Is.Empty, "the server deregisters before it says it is going away");
            Assert.That(stopping.IsCompleted, Is.False, "the grace period lasts while a consumer is connected");
        });

        await raw.DisposeAsync();
        await stopping.WithTimeout();
    }

    [Test]
    public async Task StopAsync_CallDuringGracePeriod_IsServed()
    {
        await using var harness = await Harness.StartAsync(server: s => s.GracePeriod = s_longGrace);
        await using var raw = await ConnectedAsync(harness);
        var stopping = harness.Server.StopAsync();
        Assert.That((await raw.ReadFrameAsync())?.Header.Type, Is.EqualTo(MessageType.GoingAway));

        await raw.SendAsync(RawConnection.RequestFrame(2, RawConnection.Request("Add", ["int", "int"], [40, 2])));
        var response = await raw.ReadResponseAsync();

        Assert.That(response?.Header.Status, Is.EqualTo(RpcHeader.StatusSuccess), () => RawConnection.Decode(response!.Value.Body).Error ?? "closed");
        Assert.That(RawConnection.Decode(response!.Value.Body).ReadResult(typeof(int)), Is.EqualTo(42));
        await raw.DisposeAsync();
        await stopping.WithTimeout();
    }

    [Test]
    public async Task StopAsync_ProxyCallDuringGracePeriod_Succeeds()
    {
        await using var harness = await Harness.StartAsync(server: s => s.GracePeriod = s_longGrace);
        var proxy = harness.Proxy();
        Assert.That(await proxy.AddAsync(1, 1).WithTimeout(), Is.EqualTo(2));

        var stopping = harness.Server.StopAsync();
        await harness.Server.Stopping.WithTimeout();

        Assert.That(await proxy.AddAsync(20, 22).WithTimeout(), Is.EqualTo(42));
        Assert.That(stopping.IsCompleted, Is.False);
        await harness.Client.DisposeAsync().AsTask().WithTimeout();
        await stopping.WithTimeout();
    }

    [Test]
    public async Task StopAsync_ConsumersClose_CompletesLongBeforeTheGracePeriod()
    {
        await using var harness = await Harness.StartAsync(server: s => s.GracePeriod = s_longGrace);
        await using var first = await ConnectedAsync(harness);
        await using var second = await ConnectedAsync(harness);
        var stopping = harness.Server.StopAsync();
        Assert.That((await first.ReadFrameAsync())?.Header.Type, Is.EqualTo(MessageType.GoingAway));
        Assert.That((await second.ReadFrameAsync())?.Header.Type, Is.EqualTo(MessageType.GoingAway));

        var watch = Stopwatch.StartNew();
        await first.DisposeAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        Assert.That(stopping.IsCompleted, Is.False, "one consumer is still connected");
        await second.DisposeAsync();
        await stopping.WithTimeout();

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "stopping waits for the consumers, not for the whole grace period");
    }

    [Test]
    public async Task StopAsync_ConsumerStaysAfterTheGracePeriod_NewCallsAreRefusedAndCallsInFlightDrain()
    {
        await using var harness = await Harness.StartAsync(server: s => s.GracePeriod = TimeSpan.FromMilliseconds(300));
        await using var raw = await ConnectedAsync(harness);
        await raw.SendAsync(RawConnection.RequestFrame(2, RawConnection.Request("WaitAtGateAsync", ["int"], [7])));
        await harness.Service.Arrivals.WaitAsync(TaskTimeoutExtensions.DefaultTimeout);

        var watch = Stopwatch.StartNew();
        var stopping = harness.Server.StopAsync();
        await harness.Server.Refusing.WithTimeout();
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)), "new calls are served for the grace period");

        await raw.SendAsync(RawConnection.RequestFrame(3, RawConnection.Request("Add", ["int", "int"], [1, 1])));
        var refused = await raw.ReadResponseAsync();
        Assert.That(refused?.Header.RequestId, Is.EqualTo(3));
        Assert.That(RawConnection.Decode(refused!.Value.Body).ErrorType, Is.EqualTo(ErrorTypes.For(RpcStatusCode.Unavailable)));

        harness.Service.OpenGate();
        var drained = await raw.ReadResponseAsync();
        Assert.That(drained?.Header.RequestId, Is.EqualTo(2));
        Assert.That(RawConnection.Decode(drained!.Value.Body).ReadResult(typeof(int)), Is.EqualTo(7));
        await stopping.WithTimeout();
    }

    [Test]
    public void Validate_NegativeGracePeriod_IsRefusedNamingTheSetting()
    {
        var options = new ServerOptions { GracePeriod = TimeSpan.FromSeconds(-1) };

        var error = Assert.Throws<RpcException>(options.Validate)!;

        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain("ServerOptions.GracePeriod").And.Contain("must not be negative"));
    }

    /// <summary>A raw connection the server has accepted (one call answered on it).</summary>
    private static async Task<RawConnection> ConnectedAsync(Harness harness)
    {
        var raw = await RawConnection.ConnectAsync(harness.Server.Port);
        await raw.SendAsync(RawConnection.RequestFrame(1, RawConnection.Request("Add", ["int", "int"], [1, 2])));
        var response = await raw.ReadResponseAsync();
        Assert.That(response?.Header.Status, Is.EqualTo(RpcHeader.StatusSuccess));
        return raw;
    }
}
