namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>The client's link to the ensemble.</summary>
internal enum ZooKeeperConnectionState
{
    /// <summary>Connected with a live session.</summary>
    Connected,

    /// <summary>The connection was lost; the client is reconnecting and keeps its session.</summary>
    Disconnected,

    /// <summary>The server ended the session (its ephemeral nodes and watches are gone); the client is starting a new one.</summary>
    SessionExpired,
}
