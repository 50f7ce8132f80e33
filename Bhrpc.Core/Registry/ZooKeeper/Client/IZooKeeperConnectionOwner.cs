namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>What a connection's read loop reports to the client that owns the session.</summary>
internal interface IZooKeeperConnectionOwner
{
    /// <summary>A reply carried a newer transaction id.</summary>
    void OnZxid(long zxid);

    /// <summary>A reply to a read with a watcher arrived, before the reply is handed to the caller.</summary>
    void OnWatchReply(ZooKeeperOpCode op, ZooKeeperErrorCode error, string path, IZooKeeperWatcher watcher);

    /// <summary>The server pushed a watch notification.</summary>
    void OnNotification(ZooKeeperWatchedEvent watchedEvent);
}
