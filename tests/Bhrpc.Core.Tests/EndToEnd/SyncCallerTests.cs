using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>
/// Synchronous proxy methods called from thread-pool threads: a blocked sync caller never needs a free
/// pool thread for its own completion, for the connect, or for the connection's reads and writes, so a
/// pool whose threads are all blocked in sync calls still completes them. The provider is the demo's
/// provider role in its own process: an in-process server would be starved by the blocked pool too.
/// </summary>
[NonParallelizable]
public sealed class SyncCallerTests
{
    private const int Calls = 5_000;

    private TempFolder _registry = null!;
    private DemoProvider _provider = null!;

    [OneTimeSetUp]
    public async Task StartProvider()
    {
        _registry = new TempFolder();
        _provider = await DemoProvider.StartAsync("sync-callers", $"local://{_registry.Path}").WithTimeout();
    }

    [OneTimeTearDown]
    public async Task StopProvider()
    {
        await _provider.DisposeAsync().AsTask().WithTimeout();
        _registry.Dispose();
    }

    [Test]
    public async Task SyncCalls_FiveThousandFromPoolThreadsOnAColdClient_AllSucceedWithin10SecondsAndAnAsyncCallMeanwhileWithin1Second()
    {
        var client = new RpcClient();
        try
        {
            var sync = client.CreateProxy<ISyncGreeter>(r => Configure(r, _provider.Address));
            var async = client.CreateProxy<IAsyncGreeter>(r => Configure(r, _provider.Address));
            var done = new CountdownEvent(Calls);
            var succeeded = 0;
            Exception? firstError = null;
            var watch = Stopwatch.StartNew();

            // The client is cold: the first of these calls opens the connection while the others queue behind it.
            for (var i = 0; i < Calls; i++)
            {
                var name = "caller-" + i;
                ThreadPool.UnsafeQueueUserWorkItem(
                    _ =>
                    {
                        try
                        {
                            if (sync.Hello(name) == $"Hello, {name}! (from sync-callers)")
                            {
                                Interlocked.Increment(ref succeeded);
                            }
                        }
                        catch (Exception e)
                        {
                            Interlocked.CompareExchange(ref firstError, e, null);
                        }
                        finally
                        {
                            done.Signal();
                        }
                    },
                    null);
            }

            // Made while the pool is busy with the sync callers; its task is completed by the connection,
            // so waiting on it here (not awaiting it, whose continuation would need a pool thread) measures the call.
            var asyncWatch = Stopwatch.StartNew();
            var asyncCall = async.Hello("async");
            var asyncDone = asyncCall.Wait(TimeSpan.FromSeconds(1));
            asyncWatch.Stop();

            var allDone = done.Wait(TimeSpan.FromSeconds(10) - watch.Elapsed);
            watch.Stop();

            using (Assert.EnterMultipleScope())
            {
                Assert.That(allDone, Is.True, $"{Calls - done.CurrentCount} of {Calls} sync calls completed within 10 s; first error: {firstError?.Message ?? "none"}");
                Assert.That(firstError, Is.Null);
                Assert.That(succeeded, Is.EqualTo(Calls));
                Assert.That(asyncDone, Is.True, $"the async call did not complete within 1 s (waited {asyncWatch.ElapsedMilliseconds} ms)");
            }

            Assert.That(asyncCall.Result, Is.EqualTo("Hello, async! (from sync-callers)"));
            TestContext.Out.WriteLine($"{Calls} sync calls in {watch.ElapsedMilliseconds} ms; the async call in {asyncWatch.ElapsedMilliseconds} ms");
        }
        finally
        {
            // Disposing fails whatever is still waiting, so a failed run frees its blocked pool threads.
            await client.DisposeAsync().AsTask().WithTimeout();
        }
    }

    [Test]
    public async Task SyncCalls_FromPoolThreadsToAnInProcessProvider_AllComplete()
    {
        // The in-process provider needs pool threads; blocked sync callers tell the pool they are blocked, so it adds them.
        await using var harness = await Harness.StartAsync();
        var proxy = harness.Proxy();
        var calls = ThreadPool.ThreadCount + 16;

        // Not disposed: after a failed wait, callers still signal it.
        var done = new CountdownEvent(calls);
        var succeeded = 0;
        RpcException? firstError = null;
        for (var i = 0; i < calls; i++)
        {
            var value = i;
            ThreadPool.UnsafeQueueUserWorkItem(
                _ =>
                {
                    try
                    {
                        if (proxy.Add(value, 1) == value + 1)
                        {
                            Interlocked.Increment(ref succeeded);
                        }
                    }
                    catch (RpcException e)
                    {
                        Interlocked.CompareExchange(ref firstError, e, null);
                    }
                    finally
                    {
                        done.Signal();
                    }
                },
                null);
        }

        Assert.That(done.Wait(TimeSpan.FromSeconds(10)), Is.True, $"{calls - done.CurrentCount} of {calls} calls completed within 10 s");
        Assert.That(firstError, Is.Null);
        Assert.That(succeeded, Is.EqualTo(calls));
    }

    [Test]
    public async Task SyncCall_PoolStarvedAndProviderSilent_TimesOutOnItsOwnDeadline()
    {
        // A listener that never accepts: the connection completes in its backlog and no request is ever read.
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen(16);
        var client = new RpcClient();
        var release = new ManualResetEventSlim();
        try
        {
            var proxy = client.CreateProxy<ISyncGreeter>(r =>
            {
                Configure(r, $"127.0.0.1:{((IPEndPoint)silent.LocalEndPoint!).Port}");
                r.Timeout = TimeSpan.FromMilliseconds(300);
            });

            // Opens the connection while the pool is free.
            Assert.That(Assert.Throws<RpcException>(() => proxy.Hello("warm-up"))!.StatusCode, Is.EqualTo(RpcStatusCode.Timeout));

            // Every pool thread blocked, with more work queued behind them: the timeout sweep (a pool timer) cannot run.
            var blockers = ThreadPool.ThreadCount + 16;
            for (var i = 0; i < blockers; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ => release.Wait(TimeSpan.FromSeconds(30)), null);
            }

            var starved = Stopwatch.StartNew();
            while (ThreadPool.PendingWorkItemCount == 0 && starved.Elapsed < TimeSpan.FromSeconds(10))
            {
                Thread.Yield();
            }

            Assert.That(ThreadPool.PendingWorkItemCount, Is.Positive, "the pool is not starved");
            for (var i = 0; i < 3; i++)
            {
                var watch = Stopwatch.StartNew();
                var error = Assert.Throws<RpcException>(() => proxy.Hello("starved"));
                watch.Stop();

                Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Timeout));
                Assert.That(error.Message, Does.Contain("300 ms"));
                Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290)).And.LessThan(TimeSpan.FromMilliseconds(500)));
            }

            Assert.That(client.PendingCalls, Is.Zero, "a timed-out sync call leaves no pending entry");
        }
        finally
        {
            release.Set();
            await client.DisposeAsync().AsTask().WithTimeout();
        }
    }

    private static void Configure(ReferenceOptions reference, string address)
    {
        reference.ServiceName = "Bhrpc.Demo.Api.IDemoService";
        reference.Group = "demo";
        reference.DirectAddress = address;

        // Longer than the test's limit: a call that is starved must show as not done, not as timed out.
        reference.Timeout = TimeSpan.FromSeconds(30);
    }

    /// <summary>The demo's <c>Hello</c>, called synchronously.</summary>
    public interface ISyncGreeter
    {
        string Hello(string name);
    }

    /// <summary>The same method of the same service, called asynchronously.</summary>
    public interface IAsyncGreeter
    {
        Task<string> Hello(string name);
    }
}
