using Bhrpc.Extensions;
using Bhrpc.Invocation;

namespace Bhrpc.Cluster.Forking;

/// <summary>
/// Cluster <c>forking</c>: sends each call to <see cref="ForkingClusterOptions.Forks"/> distinct providers (the load
/// balancer's picks, never more than the routed providers) in parallel and returns the first success; the attempts
/// still running then finish in the background (their results are dropped). When every attempt fails the result
/// is the failure that came last. For latency-critical reads; use only with idempotent methods.
/// </summary>
[SpiClass("forking")]
internal sealed class ForkingCluster : ICluster
{
    private readonly int _forks;

    /// <summary>A forking cluster with the settings of <paramref name="context"/>.</summary>
    public ForkingCluster(ExtensionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _forks = context.Bind<ForkingClusterOptions>().Forks;
    }

    /// <inheritdoc />
    public async ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, ClusterContext context)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(context);
        var providers = await context.RouteAsync(invocation).ConfigureAwait(false);
        var picked = new List<Provider>(Math.Min(_forks, providers.Count));
        while (picked.Count < _forks && picked.Count < providers.Count)
        {
            var provider = context.Select(invocation, providers, picked);
            if (provider is null || picked.Contains(provider))
            {
                break;
            }

            picked.Add(provider);
        }

        if (picked.Count == 0)
        {
            return RpcResult.FromException(new RpcException(RpcStatusCode.NoProvider, $"No provider for {invocation.Context}."));
        }

        var pending = picked.Select(p => context.InvokeAsync(p, invocation).AsTask()).ToList();
        RpcResult last = default;
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            last = await done.ConfigureAwait(false);
            if (last.IsSuccess)
            {
                return last;
            }
        }

        return last;
    }
}
