using Bhrpc.Invocation;

namespace Bhrpc.LoadBalance;

/// <summary>What a load balancer may use to pick.</summary>
/// <param name="Invocation">The call.</param>
/// <param name="HashCode">
/// The call's hash, the same in every process: <see cref="StableHash.Of"/> of the first argument, else of the
/// service key.
/// </param>
/// <param name="SourceIp">The consumer's IPv4 address.</param>
public readonly record struct LoadBalanceContext(RpcInvocation Invocation, int HashCode, string SourceIp)
{
    /// <summary>The service key.</summary>
    public string ServiceKey => Invocation.ServiceKey;
}
