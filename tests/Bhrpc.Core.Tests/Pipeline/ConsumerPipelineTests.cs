using System.Diagnostics;
using Bhrpc.Extensions;
using Bhrpc.Invocation;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Pipeline;

/// <summary>The consumer pipeline: filters, attachments both ways, per-method settings, cancellation, the direct path.</summary>
public sealed class ConsumerPipelineTests
{
    [Test]
    public async Task Call_ReferenceFilter_SendsAttachmentsAndSeesTheResponseOnes()
    {
        var filter = new AttachFilter();
        await using var fixture = await PipelineFixture.StartAsync(e => e.Register<IRpcFilter>("attach", () => filter));
        var proxy = fixture.Proxy(fixture.Live, r => r.Filters.Add("attach"));

        Assert.That(await proxy.EchoAsync("a").WithTimeout(), Is.EqualTo("a"));

        Assert.That(fixture.Service.Seen.Single(), Does.ContainKey("echo-me").WithValue("from-consumer"));
        Assert.That(filter.Echoed, Is.EqualTo("from-consumer"));
        Assert.That(filter.Outcome, Is.EqualTo("a"));
    }

    [Test]
    public async Task Call_ClientGlobalFilter_RunsForEveryReferenceUnlessRemoved()
    {
        var filter = new AttachFilter();
        await using var fixture = await PipelineFixture.StartAsync(e => e.Register<IRpcFilter>("attach", () => filter), c => c.Filters.Add("attach"));
        var with = fixture.Proxy(fixture.Live);
        var without = fixture.Proxy(fixture.Live, r => r.Filters.Add("-attach"));

        await with.EchoAsync("1").WithTimeout();
        await without.EchoAsync("2").WithTimeout();

        Assert.That(fixture.Service.Seen.Select(a => a.ContainsKey("echo-me")), Is.EqualTo(new[] { true, false }));
    }

    [Test]
    public async Task Call_FilterAnswersItself_ProviderIsNotCalledAndTheCallerGetsItsResult()
    {
        await using var fixture = await PipelineFixture.StartAsync(e => e.Register<IRpcFilter>("deny", () => new DenyFilter()));
        var proxy = fixture.Proxy(fixture.Live, r => r.Filters.Add("deny"));

        var error = Assert.ThrowsAsync<RpcException>(async () => await proxy.EchoAsync("x").WithTimeout())!;

        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.Unauthorized));
        Assert.That(fixture.Service.Calls, Is.Zero);
    }

    [Test]
    public async Task Call_NoAttachments_SendsNone()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var proxy = fixture.Proxy(fixture.Live);

        await proxy.EchoAsync("plain").WithTimeout();

        Assert.That(fixture.Service.Seen.Single(), Is.Empty);
    }

    [Test]
    public async Task Call_MethodTakingAToken_SendsTheRemainingTimeoutAsAnAttachment()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var proxy = fixture.Proxy(fixture.Live, r => r.Timeout = TimeSpan.FromSeconds(4));
        fixture.Service.Release();

        Assert.That(await proxy.WaitAsync("t", CancellationToken.None).WithTimeout(), Is.EqualTo("t"));

        var sent = long.Parse(fixture.Service.Seen.Single()[AttachmentKeys.Timeout], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(sent, Is.InRange(3000, 4000));
    }

    [Test]
    public async Task Call_TokenAlreadyCancelled_FailsWithCancelledBeforeSending()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var proxy = fixture.Proxy(fixture.Live);

        var error = Assert.ThrowsAsync<RpcException>(async () => await proxy.WaitAsync("t", new CancellationToken(true)).WithTimeout())!;

        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.Cancelled));
        Assert.That(fixture.Service.Calls, Is.Zero);
    }

    [Test]
    public async Task Call_TokenCancelledWhilePending_FailsWithCancelledAndFreesThePendingEntry()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var proxy = fixture.Proxy(fixture.Silent, r => r.Cluster = "failfast");
        using var cancel = new CancellationTokenSource();

        var call = proxy.WaitAsync("t", cancel.Token);
        await WaitUntilAsync(() => fixture.Client.PendingCalls == 1);
        var watch = Stopwatch.StartNew();
        await cancel.CancelAsync();
        var error = Assert.ThrowsAsync<RpcException>(async () => await call.WithTimeout())!;

        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.Cancelled));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
        Assert.That(fixture.Client.PendingCalls, Is.Zero);
    }

    [Test]
    public async Task Call_CancelledWhilePendingWithFailover_IsNotRetried()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var proxy = fixture.Proxy($"{fixture.Silent},{fixture.Live}");
        using var cancel = new CancellationTokenSource();

        var call = proxy.WaitAsync("t", cancel.Token);
        await WaitUntilAsync(() => fixture.Client.PendingCalls == 1);
        await cancel.CancelAsync();

        Assert.That(Assert.ThrowsAsync<RpcException>(async () => await call.WithTimeout())!.StatusCode, Is.EqualTo(RpcStatusCode.Cancelled));
        Assert.That(fixture.Service.Calls, Is.Zero);
    }

    [Test]
    public async Task Call_PerMethodTimeout_AppliesToThatMethodOnly()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var proxy = fixture.Proxy(fixture.Silent, r =>
        {
            r.Timeout = TimeSpan.FromSeconds(20);
            r.Methods.Add(new MethodOptions { Name = "EchoAsync", Timeout = TimeSpan.FromMilliseconds(200) });
        });
        var watch = Stopwatch.StartNew();

        var error = Assert.ThrowsAsync<RpcException>(async () => await proxy.EchoAsync("x").WithTimeout())!;

        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.Timeout));
        Assert.That(error.Message, Does.Contain("200 ms"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public async Task Call_PerMethodTimeoutOnTheDirectPath_Applies()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var proxy = fixture.Proxy(fixture.Silent, r =>
        {
            r.Cluster = "failfast";
            r.Methods.Add(new MethodOptions { Name = "Echo", Timeout = TimeSpan.FromMilliseconds(200) });
        });

        var error = Assert.Throws<RpcException>(() => proxy.Echo("x"))!;

        Assert.That(error.Message, Does.Contain("200 ms"));
    }

    [Test]
    public async Task Call_PerMethodOneway_CompletesWithoutAResponse()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var proxy = fixture.Proxy(fixture.Silent, r =>
        {
            r.Timeout = TimeSpan.FromSeconds(20);
            r.Methods.Add(new MethodOptions { Name = "NotifyAsync", Oneway = true });
        });

        await proxy.NotifyAsync("fire").WaitAsync(TimeSpan.FromSeconds(2));

        Assert.That(fixture.Client.PendingCalls, Is.Zero);
    }

    [Test]
    public async Task SyncCall_ThroughAFilter_ReturnsTheValue()
    {
        var filter = new AttachFilter();
        await using var fixture = await PipelineFixture.StartAsync(e => e.Register<IRpcFilter>("attach", () => filter));
        var proxy = fixture.Proxy(fixture.Live, r => r.Filters.Add("attach"));

        Assert.That(proxy.Echo("sync"), Is.EqualTo("sync"));
        Assert.That(filter.Echoed, Is.EqualTo("from-consumer"));
    }

    [Test]
    public async Task Call_DirectPath_AllocatesLessPerCallThanThePipeline()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var direct = fixture.Proxy(fixture.Live, r => r.Cluster = "failfast");
        var pipeline = fixture.Proxy(fixture.Live, r => r.Cluster = "failover");

        var directBytes = await BytesPerCallAsync(direct);
        var pipelineBytes = await BytesPerCallAsync(pipeline);

        // The pipeline makes an RpcInvocation, an attempt call and the cluster's state; the direct path none of them.
        Assert.That(directBytes, Is.LessThan(pipelineBytes - 100), $"direct {directBytes} B, pipeline {pipelineBytes} B per call");
    }

    [Test]
    public async Task Call_FailfastWithALoadAwareBalancer_FeedsItsStatisticsSoAHungProviderIsAvoided()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        // failfast, no filters, no routers: without the statistics leastactive would pick at random, and about
        // half of the calls would hang on the silent endpoint.
        var proxy = fixture.Proxy($"{fixture.Silent},{fixture.Live}", r =>
        {
            r.Cluster = "failfast";
            r.LoadBalancer = "leastactive";
        });

        var hung = 0;
        for (var i = 0; i < 20; i++)
        {
            var call = proxy.EchoAsync("x");
            if (await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(300))) != call)
            {
                hung++;
            }
        }

        Assert.That(hung, Is.LessThanOrEqualTo(1), "calls left hanging on the silent endpoint");
    }

    private static async Task<double> BytesPerCallAsync(IPipelineService proxy)
    {
        for (var i = 0; i < 50; i++)
        {
            await proxy.EchoAsync("warm").WithTimeout();
        }

        const int calls = 200;
        long bytes = 0;
        for (var i = 0; i < calls; i++)
        {
            // Only the caller's thread: the part of a call the path decides (receive and send threads are shared).
            var before = GC.GetAllocatedBytesForCurrentThread();
            var task = proxy.EchoAsync("m");
            bytes += GC.GetAllocatedBytesForCurrentThread() - before;
            await task.WithTimeout();
        }

        return (double)bytes / calls;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "condition not reached");
            await Task.Delay(5);
        }
    }

    private sealed class AttachFilter : IRpcFilter
    {
        public string? Echoed { get; private set; }

        public object? Outcome { get; private set; }

        public async ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, RpcInvocationDelegate next)
        {
            invocation.Attachments["echo-me"] = "from-consumer";
            var result = await next(invocation).ConfigureAwait(false);
            Echoed = invocation.ResponseAttachments.TryGetValue("echoed", out var text) ? text : null;
            Outcome = result.Value;
            return result;
        }
    }

    private sealed class DenyFilter : IRpcFilter
    {
        public ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, RpcInvocationDelegate next)
            => ValueTask.FromResult(RpcResult.FromException(new RpcException(RpcStatusCode.Unauthorized, "denied by the consumer filter")));
    }
}
