using Bhrpc.Internal;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Cluster.Failback;

/// <summary>The failback cluster's log messages.</summary>
internal static partial class FailbackLog
{
    [LoggerMessage(LogEventIds.Failback + 0, LogLevel.Warning, "Failback call {Call} failed; returning the default value and retrying it in the background every {Interval} (at most {MaxAttempts} times)")]
    public static partial void Recorded(ILogger logger, string call, TimeSpan interval, int maxAttempts, Exception error);

    [LoggerMessage(LogEventIds.Failback + 1, LogLevel.Warning, "Failback call {Call} failed and is not retried: the request may have been processed and the method is not idempotent (mark it [Idempotent] to have timeouts and remote failures retried); returning the default value")]
    public static partial void NotRetried(ILogger logger, string call, Exception error);

    [LoggerMessage(LogEventIds.Failback + 2, LogLevel.Information, "Failback call {Call} succeeded at background retry {Attempt}")]
    public static partial void RetrySucceeded(ILogger logger, string call, int attempt);

    [LoggerMessage(LogEventIds.Failback + 3, LogLevel.Warning, "Failback call {Call} is given up after {Attempts} background retries: {Reason}")]
    public static partial void GaveUp(ILogger logger, string call, int attempts, string reason, Exception error);

    [LoggerMessage(LogEventIds.Failback + 4, LogLevel.Warning, "Failback queue is full ({Limit} calls waiting); dropped the oldest, {Call}, to make room (raise queue-limit to keep more)")]
    public static partial void QueueFull(ILogger logger, int limit, string call);

    [LoggerMessage(LogEventIds.Failback + 5, LogLevel.Warning, "Failback cluster disposed with {Count} failed calls waiting for a retry; they are dropped")]
    public static partial void Dropped(ILogger logger, int count);
}
