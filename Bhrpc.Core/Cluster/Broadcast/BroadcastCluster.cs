using Bhrpc.Extensions;
using Bhrpc.Invocation;

namespace Bhrpc.Cluster.Broadcast;

/// <summary>
/// Cluster <c>broadcast</c>: sends the call to every routed provider in parallel (ejected ones too) and waits for
/// all. It fails when any fails, with the failure of the first provider in routed order that failed, named in the
/// message; otherwise the result is the value of the last provider in routed order. For cache invalidation and
/// similar notifications.
/// </summary>
[SpiClass("broadcast")]
internal sealed class BroadcastCluster : ICluster
{
    /// <inheritdoc />
    public async ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, ClusterContext context)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(context);
        var providers = await context.RouteAsync(invocation).ConfigureAwait(false);
        if (providers.Count == 0)
        {
            return RpcResult.FromException(new RpcException(RpcStatusCode.NoProvider, $"No provider for {invocation.Context}."));
        }

        var results = await Task.WhenAll(providers.Select(p => context.InvokeAsync(p, invocation).AsTask())).ConfigureAwait(false);
        for (var i = 0; i < results.Length; i++)
        {
            if (!results[i].IsSuccess)
            {
                var error = results[i].Exception!;
                var status = error is RpcException rpc ? rpc.StatusCode : RpcStatusCode.RemoteError;
                return RpcResult.FromException(new RpcException(status, $"Broadcast {invocation.Context} failed at {providers[i].Address}: {error.Message}", error));
            }
        }

        return results[^1];
    }
}
