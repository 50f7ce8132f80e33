using System.Diagnostics;
using Bhrpc.Tests.Infrastructure;
using Bhrpc.Tests.Pipeline;

namespace Bhrpc.Tests.Cluster.Failover;

/// <summary>failover (the default) over real connections: what it retries, on which provider, within which deadline.</summary>
public sealed class FailoverClusterTests
{
    [Test]
    public async Task Call_FirstAddressRefusesConnection_RetriesOnTheNextProvider()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var proxy = fixture.Proxy($"127.0.0.1:{PipelineFixture.ClosedPort()},{fixture.Live}");

        var text = await proxy.EchoAsync("hi").WithTimeout();

        Assert.That(text, Is.EqualTo("hi"));
        Assert.That(fixture.Service.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task SyncCall_FirstAddressRefusesConnection_RetriesOnTheNextProvider()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var proxy = fixture.Proxy($"127.0.0.1:{PipelineFixture.ClosedPort()},{fixture.Live}");

        Assert.That(proxy.Echo("sync"), Is.EqualTo("sync"));
    }

    [Test]
    public async Task Call_EveryAddressRefuses_FailsAfterOnePlusRetriesAttemptsWithTheLastError()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var closed = Enumerable.Range(0, 4).Select(_ => $"127.0.0.1:{PipelineFixture.ClosedPort()}").ToList();
        var proxy = fixture.Proxy(string.Join(",", closed), r => r.Retries = 2);

        var error = Assert.ThrowsAsync<RpcException>(async () => await proxy.EchoAsync("x").WithTimeout())!;

        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.ConnectionClosed));
        // Attempts 1..3 went to the first three addresses (each attempt excludes the ones tried); the fourth was never tried.
        Assert.That(error.Message, Does.Contain(closed[2]));
    }

    [Test]
    public async Task Call_NotIdempotentAndFirstProviderSilent_TimesOutWithoutRetrying()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var proxy = fixture.Proxy($"{fixture.Silent},{fixture.Live}", r => r.Timeout = TimeSpan.FromMilliseconds(300));

        var error = Assert.ThrowsAsync<RpcException>(async () => await proxy.EchoAsync("once").WithTimeout())!;

        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.Timeout));
        Assert.That(fixture.Service.Calls, Is.Zero, "a request that may have reached a provider is not sent again");
    }

    [Test]
    public async Task Call_IdempotentAndFirstProviderSilent_RetriesAfterTheAttemptTimeout()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var proxy = fixture.Proxy($"{fixture.Silent},{fixture.Live}", r =>
        {
            r.Timeout = TimeSpan.FromSeconds(5);
            r.AttemptTimeout = TimeSpan.FromMilliseconds(200);
        });
        var watch = Stopwatch.StartNew();

        var value = await proxy.ReadAsync("k").WithTimeout();

        Assert.That(value, Is.EqualTo("value of k"));
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190)).And.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(fixture.Service.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task Call_MethodMarkedIdempotentInOptions_IsRetriedLikeTheAttribute()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var proxy = fixture.Proxy($"{fixture.Silent},{fixture.Live}", r =>
        {
            r.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            r.Methods.Add(new MethodOptions { Name = nameof(IPipelineService.EchoAsync), Idempotent = true });
        });

        Assert.That(await proxy.EchoAsync("again").WithTimeout(), Is.EqualTo("again"));
    }

    [Test]
    public async Task Call_EveryProviderSilent_AllAttemptsShareTheCallTimeout()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var silent = fixture.Silent;
        var proxy = fixture.Proxy($"{silent},{silent.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)}", r =>
        {
            r.Timeout = TimeSpan.FromMilliseconds(500);
            r.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            r.Retries = 10;
        });
        var watch = Stopwatch.StartNew();

        var error = Assert.ThrowsAsync<RpcException>(async () => await proxy.ReadAsync("k").WithTimeout())!;

        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.Timeout));
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(480)).And.LessThan(TimeSpan.FromMilliseconds(1500)), "11 attempts of 200 ms would take 2.2 s");
    }

    [Test]
    public async Task Call_RetriesZero_MakesOneAttempt()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var proxy = fixture.Proxy($"127.0.0.1:{PipelineFixture.ClosedPort()},{fixture.Live}", r => r.Retries = 0);

        var error = Assert.ThrowsAsync<RpcException>(async () => await proxy.EchoAsync("x").WithTimeout())!;

        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.ConnectionClosed));
        Assert.That(fixture.Service.Calls, Is.Zero);
    }

    [Test]
    public async Task Call_PerMethodRetriesZero_OverridesTheReference()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var proxy = fixture.Proxy($"127.0.0.1:{PipelineFixture.ClosedPort()},{fixture.Live}", r =>
        {
            r.Retries = 2;
            r.Methods.Add(new MethodOptions { Name = "EchoAsync", Retries = 0 });
        });

        Assert.That(Assert.ThrowsAsync<RpcException>(async () => await proxy.EchoAsync("x").WithTimeout())!.StatusCode, Is.EqualTo(RpcStatusCode.ConnectionClosed));
        Assert.That(await proxy.ReadAsync("k").WithTimeout(), Is.EqualTo("value of k"), "other methods keep the reference's retries");
    }
}
