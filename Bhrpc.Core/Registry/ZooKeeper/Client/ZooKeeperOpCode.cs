namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>The request types of the ZooKeeper client protocol (the <c>type</c> of a request header) this client sends.</summary>
internal enum ZooKeeperOpCode
{
    Create = 1,
    Delete = 2,
    Exists = 3,
    GetData = 4,
    SetData = 5,
    GetChildren = 8,
    Ping = 11,
    GetChildren2 = 12,
    SetWatches = 101,
    CloseSession = -11,
}
