using Bhrpc.Extensions;
using Bhrpc.Invocation;

namespace Bhrpc.Cluster.Failfast;

/// <summary><c>failfast</c>: one attempt at the load balancer's pick; its failure is the call's.</summary>
[SpiClass("failfast")]
internal sealed class FailfastCluster : ICluster
{
    public async ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, ClusterContext context)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<Provider> providers;
        try
        {
            providers = await context.RouteAsync(invocation).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return RpcResult.FromException(e);
        }

        var provider = context.Select(invocation, providers, null)!;
        return await context.InvokeAsync(provider, invocation).ConfigureAwait(false);
    }
}
