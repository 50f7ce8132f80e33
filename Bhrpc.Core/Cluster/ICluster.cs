using Bhrpc.Extensions;
using Bhrpc.Invocation;

namespace Bhrpc.Cluster;

/// <summary>
/// Extension point <c>cluster</c>: how one call uses the providers: <c>failover</c> (the default), <c>failfast</c>,
/// <c>failsafe</c>, <c>failback</c>, <c>forking</c>, <c>broadcast</c>. It routes and picks through the
/// <see cref="ClusterContext"/> and sends each attempt through it; every attempt shares the invocation's deadline.
/// One instance per reference; called concurrently.
/// </summary>
[Spi("failover")]
public interface ICluster
{
    /// <summary>Runs the call; failures come back as <see cref="RpcResult.FromException"/>, never thrown.</summary>
    ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, ClusterContext context);

    /// <summary>
    /// Whether the mode makes retries (<see cref="RpcInvocation.Retries"/>); when false, a reference or method that
    /// sets <see cref="ReferenceOptions.Retries"/> is refused, since the setting would have no effect.
    /// </summary>
    bool UsesRetries => false;
}
