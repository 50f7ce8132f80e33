namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>What a server answered to a connect request (jute <c>ConnectResponse</c>).</summary>
/// <param name="TimeoutMs">The negotiated session timeout; 0 or less when the session to resume has expired.</param>
/// <param name="SessionId">The session.</param>
/// <param name="Password">The session's password, needed to resume it on another connection.</param>
/// <param name="ReadOnly">The server is a read-only server (partitioned from its quorum).</param>
internal sealed record ZooKeeperSessionGrant(int TimeoutMs, long SessionId, byte[] Password, bool ReadOnly)
{
    public bool IsExpired => TimeoutMs <= 0;
}
