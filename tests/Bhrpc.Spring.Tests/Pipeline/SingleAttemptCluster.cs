using Bhrpc.Cluster;
using Bhrpc.Extensions;
using Bhrpc.Invocation;

namespace Bhrpc.Spring.Tests.Pipeline;

/// <summary>A cluster that exists only in this test assembly, so that cluster names are shown to come from the loader, not a fixed list.</summary>
[SpiClass(Name)]
public sealed class SingleAttemptCluster : ICluster
{
    public const string Name = "springsingle";

    public async ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, ClusterContext context)
    {
        var providers = await context.RouteAsync(invocation).ConfigureAwait(false);
        return context.Select(invocation, providers, null) is { } provider
            ? await context.InvokeAsync(provider, invocation).ConfigureAwait(false)
            : RpcResult.FromException(new RpcException(RpcStatusCode.NoProvider, $"no provider for {context.ServiceKey}"));
    }
}
