using Bhrpc.Internal;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Registry.Etcd;

/// <summary>The etcd registry's log messages.</summary>
internal static partial class EtcdLog
{
    [LoggerMessage(LogEventIds.Etcd + 0, LogLevel.Warning, "Skipping etcd key {Key} in {Registry}: its value is not a registry node ({Reason})")]
    public static partial void MalformedValue(ILogger logger, string key, string registry, string reason);

    [LoggerMessage(LogEventIds.Etcd + 1, LogLevel.Warning, "The etcd lease {LeaseId:x} of {Registry} is gone (expired or revoked); granting a new one and registering the {Count} instance(s) again")]
    public static partial void LeaseLost(ILogger logger, long leaseId, string registry, int count);

    [LoggerMessage(LogEventIds.Etcd + 2, LogLevel.Information, "Registered {Count} instance(s) again in {Registry} under the new lease {LeaseId:x}")]
    public static partial void Reregistered(ILogger logger, int count, string registry, long leaseId);

    [LoggerMessage(LogEventIds.Etcd + 3, LogLevel.Warning, "Keeping the etcd lease of {Registry} alive failed; retrying (providers vanish if it stays down longer than the lease TTL)")]
    public static partial void KeepAliveFailed(ILogger logger, string registry, Exception exception);

    [LoggerMessage(LogEventIds.Etcd + 4, LogLevel.Information, "Keeping the etcd lease of {Registry} alive works again")]
    public static partial void KeepAliveRecovered(ILogger logger, string registry);

    [LoggerMessage(LogEventIds.Etcd + 5, LogLevel.Warning, "Watching providers of {What} failed; keeping the last known list and reconnecting")]
    public static partial void WatchFailed(ILogger logger, string what, Exception exception);

    [LoggerMessage(LogEventIds.Etcd + 6, LogLevel.Debug, "Watching providers of {What} failed again: {Reason}")]
    public static partial void WatchFailedAgain(ILogger logger, string what, string reason);

    [LoggerMessage(LogEventIds.Etcd + 7, LogLevel.Information, "Watching providers of {What} works again")]
    public static partial void WatchRecovered(ILogger logger, string what);

    [LoggerMessage(LogEventIds.Etcd + 8, LogLevel.Error, "A watch callback for {What} threw")]
    public static partial void CallbackFailed(ILogger logger, string what, Exception exception);

    [LoggerMessage(LogEventIds.Etcd + 9, LogLevel.Debug, "Revoking the etcd lease {LeaseId:x} of {Registry} failed; its keys vanish when it expires")]
    public static partial void RevokeFailed(ILogger logger, long leaseId, string registry, Exception exception);
}
