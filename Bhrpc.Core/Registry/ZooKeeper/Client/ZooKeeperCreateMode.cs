namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>The <c>flags</c> of a create request.</summary>
internal enum ZooKeeperCreateMode
{
    /// <summary>The node stays until deleted.</summary>
    Persistent = 0,

    /// <summary>The node is deleted when the session that created it ends.</summary>
    Ephemeral = 1,
}
