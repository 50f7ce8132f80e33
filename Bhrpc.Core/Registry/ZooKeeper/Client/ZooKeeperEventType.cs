namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>What a watch notification reports (ZooKeeper's <c>Watcher.Event.EventType</c>).</summary>
internal enum ZooKeeperEventType
{
    None = -1,
    NodeCreated = 1,
    NodeDeleted = 2,
    NodeDataChanged = 3,
    NodeChildrenChanged = 4,
    DataWatchRemoved = 5,
    ChildWatchRemoved = 6,
    PersistentWatchRemoved = 7,
}
