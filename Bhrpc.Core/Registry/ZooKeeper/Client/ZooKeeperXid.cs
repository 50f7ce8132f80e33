namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>The reserved xids: packets that answer no numbered request.</summary>
internal static class ZooKeeperXid
{
    /// <summary>A watch notification pushed by the server.</summary>
    public const int Notification = -1;

    /// <summary>A ping and its answer.</summary>
    public const int Ping = -2;

    /// <summary>An authentication packet and its answer.</summary>
    public const int Auth = -4;

    /// <summary>The re-set of watches after a reconnect, and its answer.</summary>
    public const int SetWatches = -8;
}
