using System.Diagnostics;
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
