namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>
/// Receives the notification of a one-shot watch set by a read. Watches are keyed by instance: reading
/// twice with the same watcher sets one watch. Called on the client's event thread, one at a time,
/// in the order the server sent them; it must not block.
/// </summary>
internal interface IZooKeeperWatcher
{
    void Process(ZooKeeperWatchedEvent watchedEvent);
}
