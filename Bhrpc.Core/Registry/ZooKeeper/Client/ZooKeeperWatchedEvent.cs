namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>A watch notification (jute <c>WatcherEvent</c>): what happened to which node.</summary>
/// <param name="Type">What happened.</param>
/// <param name="State">The server's session state code (3 = connected).</param>
/// <param name="Path">The watched node.</param>
internal sealed record ZooKeeperWatchedEvent(ZooKeeperEventType Type, int State, string Path);
