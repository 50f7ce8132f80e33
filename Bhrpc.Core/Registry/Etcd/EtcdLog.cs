using Microsoft.Extensions.Logging;

namespace Bhrpc.Registry.Etcd;

/// <summary>The etcd registry's log messages.</summary>
internal static partial class EtcdLog
{
    [LoggerMessage(90, LogLevel.Warning, "Skipping etcd key {Key} in {Registry}: its value is not a registry node ({Reason})")]
    public static partial void MalformedValue(ILogger logger, string key, string registry, string reason);

    [LoggerMessage(91, LogLevel.Warning, "The etcd lease {LeaseId:x} of {Registry} is gone (expired or revoked); granting a new one and registering the {Count} instance(s) again")]
    public static partial void LeaseLost(ILogger logger, long leaseId, string registry, int count);

    [LoggerMessage(92, LogLevel.Information, "Registered {Count} instance(s) again in {Registry} under the new lease {LeaseId:x}")]
    public static partial void Reregistered(ILogger logger, int count, string registry, long leaseId);

    [LoggerMessage(93, LogLevel.Warning, "Keeping the etcd lease of {Registry} alive failed; retrying (providers vanish if it stays down longer than the lease TTL)")]
    public static partial void KeepAliveFailed(ILogger logger, string registry, Exception exception);

    [LoggerMessage(94, LogLevel.Information, "Keeping the etcd lease of {Registry} alive works again")]
    public static partial void KeepAliveRecovered(ILogger logger, string registry);

    [LoggerMessage(95, LogLevel.Warning, "Watching providers of {What} failed; keeping the last known list and reconnecting")]
    public static partial void WatchFailed(ILogger logger, string what, Exception exception);

    [LoggerMessage(96, LogLevel.Debug, "Watching providers of {What} failed again: {Reason}")]
    public static partial void WatchFailedAgain(ILogger logger, string what, string reason);

    [LoggerMessage(97, LogLevel.Information, "Watching providers of {What} works again")]
    public static partial void WatchRecovered(ILogger logger, string what);

    [LoggerMessage(98, LogLevel.Error, "A watch callback for {What} threw")]
    public static partial void CallbackFailed(ILogger logger, string what, Exception exception);

    [LoggerMessage(99, LogLevel.Debug, "Revoking the etcd lease {LeaseId:x} of {Registry} failed; its keys vanish when it expires")]
    public static partial void RevokeFailed(ILogger logger, long leaseId, string registry, Exception exception);
}
