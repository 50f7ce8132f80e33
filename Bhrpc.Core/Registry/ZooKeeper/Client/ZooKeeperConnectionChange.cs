namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>A change of the client's connection.</summary>
/// <param name="State">The new state.</param>
/// <param name="SessionId">The session, 0 when there is none.</param>
/// <param name="IsNewSession">
/// For <see cref="ZooKeeperConnectionState.Connected"/>: the session is new (first connect, or after an
/// expiry), so ephemeral nodes must be created and watches set again.
/// </param>
/// <param name="Server">The server, <c>host:port</c>.</param>
internal sealed record ZooKeeperConnectionChange(ZooKeeperConnectionState State, long SessionId, bool IsNewSession, string Server);
