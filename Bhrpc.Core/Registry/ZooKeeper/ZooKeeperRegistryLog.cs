using Microsoft.Extensions.Logging;

namespace Bhrpc.Registry.ZooKeeper;

/// <summary>The ZooKeeper registry's log messages.</summary>
internal static partial class ZooKeeperRegistryLog
{
    [LoggerMessage(90, LogLevel.Warning, "Lost the connection to {Registry}; keeping the last provider lists and retrying")]
    public static partial void Disconnected(ILogger logger, string registry);

    [LoggerMessage(91, LogLevel.Information, "Connected to {Registry} again (new session: {IsNewSession}); re-reading watched services and re-checking {Count} registered instance(s)")]
    public static partial void Reconnected(ILogger logger, string registry, bool isNewSession, int count);

    [LoggerMessage(92, LogLevel.Warning, "The ZooKeeper session of {Registry} expired; its {Count} registered instance(s) will be created again in a new session")]
    public static partial void SessionExpired(ILogger logger, string registry, int count);

    [LoggerMessage(93, LogLevel.Warning, "Skipping registry node {Path} in {Registry}: {Reason}")]
    public static partial void MalformedNode(ILogger logger, string path, string registry, string reason);

    [LoggerMessage(94, LogLevel.Warning, "Re-creating registry node {Path} in {Registry} failed; retrying")]
    public static partial void ResyncFailed(ILogger logger, string path, string registry, Exception exception);

    [LoggerMessage(95, LogLevel.Warning, "Reading the providers of {ServiceKey} from {Registry} for a watch failed; retrying")]
    public static partial void WatchReadFailed(ILogger logger, string serviceKey, string registry, Exception exception);

    [LoggerMessage(96, LogLevel.Warning, "A watch callback for {ServiceKey} threw")]
    public static partial void CallbackFailed(ILogger logger, string serviceKey, Exception exception);

    [LoggerMessage(97, LogLevel.Debug, "Deleting registry node {Path} from {Registry} on dispose failed")]
    public static partial void DeleteOnDisposeFailed(ILogger logger, string path, string registry, Exception exception);
}
