using Bhrpc.Cluster.Failsafe;
using Bhrpc.Internal;
using Bhrpc.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Tests.Cluster.Failsafe;

public sealed class FailsafeClusterTests
{
    public interface IAudit
    {
        Task<int> Count(string s);

        Task<string> Name(string s);
    }

    [Test]
    public async Task InvokeAsync_ProviderFails_ReturnsDefaultAfterOneAttemptAndLogsWarning()
    {
        using var logs = new RecordingLoggerFactory();
        var context = new FakeClusterContext(logs.CreateLogger("t"), null, "127.0.0.1:1", "127.0.0.1:2");
        context.Fail("127.0.0.1:1");
        var result = await new FailsafeCluster().InvokeAsync(FakeClusterContext.Invocation(typeof(IAudit), nameof(IAudit.Count), ["x"]), context).AsTask().WithTimeout();
        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.Value, Is.EqualTo(0));
        Assert.That(context.Attempts, Is.EqualTo(new[] { "127.0.0.1:1" }));
        Assert.That(logs.Entries.Count(e => e.EventId.Id == LogEventIds.Failsafe + 0 && e.Level == LogLevel.Warning), Is.EqualTo(1));
    }

    [Test]
    public async Task InvokeAsync_NoProviderForReferenceResult_ReturnsNull()
    {
        using var logs = new RecordingLoggerFactory();
        var context = new FakeClusterContext(logs.CreateLogger("t"));
        var result = await new FailsafeCluster().InvokeAsync(FakeClusterContext.Invocation(typeof(IAudit), nameof(IAudit.Name), ["x"]), context).AsTask().WithTimeout();
        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.Value, Is.Null);
        Assert.That(logs.Count(LogEventIds.Failsafe + 0), Is.EqualTo(1));
    }

    [Test]
    public async Task InvokeAsync_ProviderSucceeds_ReturnsItsValue()
    {
        using var logs = new RecordingLoggerFactory();
        var context = new FakeClusterContext(logs.CreateLogger("t"), null, "127.0.0.1:1");
        var result = await new FailsafeCluster().InvokeAsync(FakeClusterContext.Invocation(typeof(IAudit), nameof(IAudit.Name), ["x"]), context).AsTask().WithTimeout();
        Assert.That(result.Value, Is.EqualTo("127.0.0.1:1"));
        Assert.That(logs.Count(LogEventIds.Failsafe + 0), Is.Zero);
    }
}
