namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>A node's metadata (jute <c>Stat</c>).</summary>
internal readonly record struct ZooKeeperStat(
    long Czxid,
    long Mzxid,
    long Ctime,
    long Mtime,
    int Version,
    int Cversion,
    int Aversion,
    long EphemeralOwner,
    int DataLength,
    int NumChildren,
    long Pzxid)
{
    /// <summary>The size of a serialized stat.</summary>
    public const int Size = (8 * 6) + (4 * 5);
}
