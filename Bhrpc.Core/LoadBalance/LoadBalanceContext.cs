using Bhrpc.Invocation;

namespace Bhrpc.LoadBalance;

/// <summary>What a load balancer may use to pick.</summary>
/// <param name="ServiceKey">The service key.</param>
/// <param name="HashCode">
/// The call's hash, the same in every process: <see cref="StableHash.Of"/> of the first argument, else of the
/// service key.
/// </param>
/// <param name="SourceIp">The consumer's IPv4 address.</param>
/// <param name="Invocation">
/// The call, when it goes through the pipeline; null on the direct path (no filters, no routers, one attempt),
/// which makes no invocation object.
/// </param>
public readonly record struct LoadBalanceContext(string ServiceKey, int HashCode, string SourceIp, RpcInvocation? Invocation = null);
