using Bhrpc.Internal;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>The ZooKeeper client's log messages.</summary>
internal static partial class ZooKeeperClientLog
{
    [LoggerMessage(LogEventIds.ZooKeeperClient + 0, LogLevel.Information, "Connected to ZooKeeper server {Server}, session 0x{SessionId:x}, timeout {TimeoutMs} ms (new session: {IsNew})")]
    public static partial void Connected(ILogger logger, string server, long sessionId, int timeoutMs, bool isNew);

    [LoggerMessage(LogEventIds.ZooKeeperClient + 1, LogLevel.Information, "Lost the connection to ZooKeeper server {Server}; reconnecting and keeping session 0x{SessionId:x}")]
    public static partial void Disconnected(ILogger logger, string server, long sessionId, Exception reason);

    [LoggerMessage(LogEventIds.ZooKeeperClient + 2, LogLevel.Debug, "Connecting to ZooKeeper server {Server} failed; next attempt in {DelayMs} ms")]
    public static partial void AttemptFailed(ILogger logger, string server, double delayMs, Exception exception);

    [LoggerMessage(LogEventIds.ZooKeeperClient + 3, LogLevel.Warning, "ZooKeeper session 0x{SessionId:x} expired (server {Server}); starting a new session")]
    public static partial void SessionExpired(ILogger logger, long sessionId, string server);

    [LoggerMessage(LogEventIds.ZooKeeperClient + 4, LogLevel.Warning, "ZooKeeper server {Server} refused to set the watches again: {Error}")]
    public static partial void SetWatchesFailed(ILogger logger, string server, ZooKeeperErrorCode error);

    [LoggerMessage(LogEventIds.ZooKeeperClient + 5, LogLevel.Error, "No ZooKeeper server of {ConnectString} answered within {Timeout}")]
    public static partial void StartFailed(ILogger logger, string connectString, TimeSpan timeout, Exception? lastError);

    [LoggerMessage(LogEventIds.ZooKeeperClient + 6, LogLevel.Warning, "A ZooKeeper watcher or connection listener threw")]
    public static partial void CallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogEventIds.ZooKeeperClient + 7, LogLevel.Debug, "Closing ZooKeeper session 0x{SessionId:x} failed")]
    public static partial void CloseFailed(ILogger logger, long sessionId, Exception exception);
}
