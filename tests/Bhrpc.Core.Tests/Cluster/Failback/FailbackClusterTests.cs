using System.Collections.Concurrent;
using Bhrpc.Cluster;
using Bhrpc.Cluster.Failback;
using Bhrpc.Extensions;
using Bhrpc.Internal;
using Bhrpc.Invocation;
using Bhrpc.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Tests.Cluster.Failback;

public sealed class FailbackClusterTests
{
    private const string First = "127.0.0.1:1";

    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(5);

    public interface INotify
    {
        Task<int> Send(string text);

        Task<string> Name(string text);
    }

    private static FailbackCluster Make(ManualTimeProvider clock, Dictionary<string, string>? settings = null) =>
        new(new ExtensionContext("failback", "reference Demo", settings, clock));

    private static RpcInvocation Send(string text) => FakeClusterContext.Invocation(typeof(INotify), nameof(INotify.Send), [text]);

    [Test]
    public async Task InvokeAsync_ProviderFails_ReturnsDefaultAtOnceAndRetriesAfterTheInterval()
    {
        using var logs = new RecordingLoggerFactory();
        var clock = new ManualTimeProvider();
        var context = new FakeClusterContext(logs.CreateLogger("t"), clock, First);
        var calls = 0;
        context.Script(First, _ => Interlocked.Increment(ref calls) == 1 ? Unavailable() : RpcResult.FromValue(7));
        using var cluster = Make(clock);

        var result = await cluster.InvokeAsync(Send("a"), context).AsTask().WithTimeout();

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.Value, Is.EqualTo(0));
        Assert.That(context.Attempts, Has.Count.EqualTo(1));
        Assert.That(logs.Count(LogEventIds.Failback + 0), Is.EqualTo(1));
        Assert.That(cluster.Pending, Is.EqualTo(1));

        clock.Advance(s_interval - TimeSpan.FromMilliseconds(1));
        Assert.That(context.Attempts, Has.Count.EqualTo(1), "retried before the interval");

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await cluster.CurrentRun.WithTimeout();
        Assert.That(context.Attempts, Has.Count.EqualTo(2));
        Assert.That(logs.Count(LogEventIds.Failback + 2), Is.EqualTo(1), logs.Dump());
        Assert.That(cluster.Pending, Is.Zero);
        Assert.That(clock.ActiveTimers, Is.Zero);

        clock.Advance(s_interval * 3);
        Assert.That(context.Attempts, Has.Count.EqualTo(2), "retried after a success");
    }

    [Test]
    public async Task InvokeAsync_ProviderSucceeds_ReturnsItsValueAndQueuesNothing()
    {
        using var logs = new RecordingLoggerFactory();
        var clock = new ManualTimeProvider();
        var context = new FakeClusterContext(logs.CreateLogger("t"), clock, First);
        using var cluster = Make(clock);

        var result = await cluster.InvokeAsync(FakeClusterContext.Invocation(typeof(INotify), nameof(INotify.Name), ["a"]), context).AsTask().WithTimeout();

        Assert.That(result.Value, Is.EqualTo(First));
        Assert.That(cluster.Pending, Is.Zero);
        Assert.That(clock.ActiveTimers, Is.Zero);
        Assert.That(logs.Entries, Is.Empty);
    }

    [Test]
    public async Task InvokeAsync_RetriesKeepFailing_GivesUpAfterMaxAttempts()
    {
        using var logs = new RecordingLoggerFactory();
        var clock = new ManualTimeProvider();
        var context = new FakeClusterContext(logs.CreateLogger("t"), clock, First);
        context.Fail(First);
        using var cluster = Make(clock, new() { ["max-attempts"] = "2" });

        var result = await cluster.InvokeAsync(FakeClusterContext.Invocation(typeof(INotify), nameof(INotify.Name), ["a"]), context).AsTask().WithTimeout();
        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.Value, Is.Null);

        clock.Advance(s_interval);
        Assert.That(context.Attempts, Has.Count.EqualTo(2));
        Assert.That(logs.Count(LogEventIds.Failback + 3), Is.Zero);

        clock.Advance(s_interval);
        Assert.That(context.Attempts, Has.Count.EqualTo(3));
        Assert.That(logs.Entries.Count(e => e.EventId.Id == LogEventIds.Failback + 3 && e.Level == LogLevel.Warning), Is.EqualTo(1));
        Assert.That(cluster.Pending, Is.Zero);

        clock.Advance(s_interval * 4);
        Assert.That(context.Attempts, Has.Count.EqualTo(3), "retried past max-attempts");
    }

    [Test]
    public async Task InvokeAsync_QueueFull_DropsTheOldestAndLogsWarning()
    {
        using var logs = new RecordingLoggerFactory();
        var clock = new ManualTimeProvider();
        var context = new FakeClusterContext(logs.CreateLogger("t"), clock, First);
        var failing = true;
        var retried = new ConcurrentQueue<string>();
        context.Script(First, invocation =>
        {
            if (Volatile.Read(ref failing))
            {
                return Unavailable();
            }

            retried.Enqueue((string)invocation.Arguments[0]!);
            return RpcResult.FromValue(1);
        });
        using var cluster = Make(clock, new() { ["queue-limit"] = "2" });

        foreach (var text in new[] { "a", "b", "c" })
        {
            await cluster.InvokeAsync(Send(text), context).AsTask().WithTimeout();
        }

        Assert.That(cluster.Pending, Is.EqualTo(2));
        Assert.That(logs.Entries.Count(e => e.EventId.Id == LogEventIds.Failback + 4 && e.Level == LogLevel.Warning), Is.EqualTo(1));
        Assert.That(logs.Entries.Single(e => e.EventId.Id == LogEventIds.Failback + 4).Message, Does.Contain("Send"));

        Volatile.Write(ref failing, false);
        clock.Advance(s_interval);
        await cluster.CurrentRun.WithTimeout();
        Assert.That(retried, Is.EquivalentTo(new[] { "b", "c" }));
        Assert.That(cluster.Pending, Is.Zero);
    }

    [Test]
    public async Task InvokeAsync_FailureNotSafeToRetry_IsNotQueuedAndReturnsDefault()
    {
        using var logs = new RecordingLoggerFactory();
        var clock = new ManualTimeProvider();
        var context = new FakeClusterContext(logs.CreateLogger("t"), clock, First);
        context.Fail(First, RpcStatusCode.RemoteError);
        using var cluster = Make(clock);

        var result = await cluster.InvokeAsync(Send("a"), context).AsTask().WithTimeout();

        Assert.That(result.Value, Is.EqualTo(0));
        Assert.That(cluster.Pending, Is.Zero);
        Assert.That(logs.Count(LogEventIds.Failback + 1), Is.EqualTo(1));
        clock.Advance(s_interval * 2);
        Assert.That(context.Attempts, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task InvokeAsync_CallerCancelled_ReturnsTheFailureAndQueuesNothing()
    {
        using var logs = new RecordingLoggerFactory();
        var clock = new ManualTimeProvider();
        var context = new FakeClusterContext(logs.CreateLogger("t"), clock, First);
        context.Fail(First);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var invocation = Send("a");
        invocation.CancellationToken = cancelled.Token;
        using var cluster = Make(clock);

        var result = await cluster.InvokeAsync(invocation, context).AsTask().WithTimeout();

        Assert.That(result.IsSuccess, Is.False);
        Assert.That(cluster.Pending, Is.Zero);
    }

    [Test]
    public async Task InvokeAsync_Retry_GetsAFreshDeadlineAndNotTheCallersToken()
    {
        using var logs = new RecordingLoggerFactory();
        var clock = new ManualTimeProvider();
        var context = new FakeClusterContext(logs.CreateLogger("t"), clock, First);
        var seen = new ConcurrentQueue<(long Deadline, long Now, CancellationToken Token, string? Timeout)>();
        context.Script(First, invocation =>
        {
            invocation.Attachments.TryGetValue(AttachmentKeys.Timeout, out var timeout);
            seen.Enqueue((invocation.Deadline, invocation.Clock.GetTimestamp(), invocation.CancellationToken, timeout));
            return seen.Count == 1 ? Unavailable() : RpcResult.FromValue(1);
        });
        using var caller = new CancellationTokenSource();
        var invocation = Send("a");
        invocation.Timeout = TimeSpan.FromSeconds(2);
        invocation.Deadline = invocation.Clock.GetTimestamp() - 1;
        invocation.CancellationToken = caller.Token;
        invocation.Attachments[AttachmentKeys.Timeout] = "1";
        using var cluster = Make(clock);

        await cluster.InvokeAsync(invocation, context).AsTask().WithTimeout();
        await caller.CancelAsync();
        clock.Advance(s_interval);
        await cluster.CurrentRun.WithTimeout();

        var retry = seen.ToArray()[1];
        var frequency = invocation.Clock.TimestampFrequency;
        Assert.That(retry.Deadline, Is.GreaterThan(retry.Now).And.AtMost(retry.Now + (2 * frequency)));
        Assert.That(retry.Token.IsCancellationRequested, Is.False);
        Assert.That(retry.Token, Is.Not.EqualTo(caller.Token));
        Assert.That(retry.Timeout, Is.EqualTo("2000"));
        Assert.That(logs.Count(LogEventIds.Failback + 2), Is.EqualTo(1));
    }

    [Test]
    public async Task Dispose_CallsWaiting_StopsTheTimerDropsThemAndLogsHowMany()
    {
        using var logs = new RecordingLoggerFactory();
        var clock = new ManualTimeProvider();
        var context = new FakeClusterContext(logs.CreateLogger("t"), clock, First);
        context.Fail(First);
        var cluster = Make(clock);
        await cluster.InvokeAsync(Send("a"), context).AsTask().WithTimeout();
        await cluster.InvokeAsync(Send("b"), context).AsTask().WithTimeout();
        Assert.That(clock.ActiveTimers, Is.EqualTo(1));

        cluster.Dispose();

        Assert.That(clock.ActiveTimers, Is.Zero);
        Assert.That(cluster.Pending, Is.Zero);
        var dropped = logs.Entries.Single(e => e.EventId.Id == LogEventIds.Failback + 5);
        Assert.That(dropped.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(dropped.Message, Does.Contain("2 failed calls"));
        clock.Advance(s_interval * 2);
        Assert.That(context.Attempts, Has.Count.EqualTo(2));
    }

    [TestCase("retry-interval", "0s", "retry-interval")]
    [TestCase("queue-limit", "0", "queue-limit")]
    [TestCase("max-attempts", "0", "max-attempts")]
    public void Ctor_SettingOutOfRange_RefusedNamingIt(string key, string value, string named)
    {
        var error = Assert.Throws<RpcException>(() => Make(new ManualTimeProvider(), new() { [key] = value }));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain("reference Demo:" + named));
    }

    [Test]
    public void ExtensionLoader_Failback_IsAClusterThatTakesSettings()
    {
        var context = new ExtensionContext("failback", "reference Demo", new Dictionary<string, string> { ["retry-interval"] = "1s" });
        using var cluster = (IDisposable)ExtensionLoader.Shared.CreateFor<ICluster>(context);
        Assert.That(cluster, Is.TypeOf<FailbackCluster>());
    }

    private static RpcResult Unavailable() => RpcResult.FromException(new RpcException(RpcStatusCode.Unavailable, "scripted failure"));
}
