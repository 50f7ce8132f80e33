namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>A node's value (empty when the node holds none) and metadata.</summary>
internal sealed record ZooKeeperNodeData(byte[] Data, ZooKeeperStat Stat);
