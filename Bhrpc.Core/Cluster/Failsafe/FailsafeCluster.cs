using System.Runtime.CompilerServices;
using Bhrpc.Extensions;
using Bhrpc.Invocation;

namespace Bhrpc.Cluster.Failsafe;

/// <summary>
/// Cluster <c>failsafe</c>: one attempt at the load balancer's pick; a failure (including no provider) is logged at
/// Warning and swallowed: the caller gets the default value of the method's result type (null for a reference
/// type, zero/false/an uninitialised struct for a value type). For calls whose failure does not matter (audit logs).
/// </summary>
[SpiClass("failsafe")]
internal sealed class FailsafeCluster : ICluster
{
    /// <inheritdoc />
    public async ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, ClusterContext context)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(context);
        var result = await AttemptAsync(invocation, context).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            return result;
        }

        FailsafeLog.Swallowed(context.Logger, invocation.Context, result.Exception!);
        return RpcResult.FromValue(DefaultOf(invocation.Method.ResultType));
    }

    /// <summary>The default value of <paramref name="type"/>: null for a reference type or no type, else a zeroed value.</summary>
    internal static object? DefaultOf(Type? type) =>
        type is { IsValueType: true } && Nullable.GetUnderlyingType(type) is null ? RuntimeHelpers.GetUninitializedObject(type) : null;

    private static async ValueTask<RpcResult> AttemptAsync(RpcInvocation invocation, ClusterContext context)
    {
        var providers = await context.RouteAsync(invocation).ConfigureAwait(false);
        var provider = context.Select(invocation, providers, null);
        if (provider is null)
        {
            return RpcResult.FromException(new RpcException(RpcStatusCode.NoProvider, $"No provider for {invocation.Context}."));
        }

        return await context.InvokeAsync(provider, invocation).ConfigureAwait(false);
    }
}
