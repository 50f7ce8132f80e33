namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>A reply to a numbered request: the reply header's zxid and error, and the body after the header.</summary>
internal sealed record ZooKeeperReply(long Zxid, ZooKeeperErrorCode Error, byte[] Body);
