using Bhrpc.Internal;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Registry.ZooKeeper;

/// <summary>The ZooKeeper registry's log messages.</summary>
internal static partial class ZooKeeperRegistryLog
{
    [LoggerMessage(LogEventIds.ZooKeeperRegistry + 0, LogLevel.Warning, "Lost the connection to {Registry}; keeping the last provider lists and retrying")]
    public static partial void Disconnected(ILogger logger, string registry);

    [LoggerMessage(LogEventIds.ZooKeeperRegistry + 1, LogLevel.Information, "Connected to {Registry} again (new session: {IsNewSession}); re-reading watched services and re-checking {Count} registered instance(s)")]
    public static partial void Reconnected(ILogger logger, string registry, bool isNewSession, int count);

    [LoggerMessage(LogEventIds.ZooKeeperRegistry + 2, LogLevel.Warning, "The ZooKeeper session of {Registry} expired; its {Count} registered instance(s) will be created again in a new session")]
    public static partial void SessionExpired(ILogger logger, string registry, int count);

    [LoggerMessage(LogEventIds.ZooKeeperRegistry + 3, LogLevel.Warning, "Skipping registry node {Path} in {Registry}: {Reason}")]
    public static partial void MalformedNode(ILogger logger, string path, string registry, string reason);

    [LoggerMessage(LogEventIds.ZooKeeperRegistry + 4, LogLevel.Warning, "Re-creating registry node {Path} in {Registry} failed; retrying")]
    public static partial void ResyncFailed(ILogger logger, string path, string registry, Exception exception);

    [LoggerMessage(LogEventIds.ZooKeeperRegistry + 5, LogLevel.Warning, "Reading the providers of {ServiceKey} from {Registry} for a watch failed; retrying")]
    public static partial void WatchReadFailed(ILogger logger, string serviceKey, string registry, Exception exception);

    [LoggerMessage(LogEventIds.ZooKeeperRegistry + 6, LogLevel.Warning, "A watch callback for {ServiceKey} threw")]
    public static partial void CallbackFailed(ILogger logger, string serviceKey, Exception exception);

    [LoggerMessage(LogEventIds.ZooKeeperRegistry + 7, LogLevel.Debug, "Deleting registry node {Path} from {Registry} on dispose failed")]
    public static partial void DeleteOnDisposeFailed(ILogger logger, string path, string registry, Exception exception);
}
