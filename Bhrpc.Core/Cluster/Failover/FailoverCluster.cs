using Bhrpc.Extensions;
using Bhrpc.Internal;
using Bhrpc.Invocation;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Cluster.Failover;

/// <summary>
/// <c>failover</c> (the default): 1 + <see cref="RpcInvocation.Retries"/> attempts, each on a provider not tried
/// yet when there is one, while <see cref="ClusterContext.CanRetry"/> allows; otherwise the last attempt's result.
/// </summary>
[SpiClass("failover")]
internal sealed partial class FailoverCluster : ICluster
{
    public bool UsesRetries => true;

    public async ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, ClusterContext context)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(context);

        // The providers tried before this attempt; made only on a retry (most calls make one attempt).
        Provider? last = null;
        List<Provider>? tried = null;
        for (var attempt = 0; ; attempt++)
        {
            RpcResult result;
            try
            {
                var providers = await context.RouteAsync(invocation).ConfigureAwait(false);
                if (last is not null)
                {
                    (tried ??= []).Add(last);
                    last = null;
                }

                var provider = context.Select(invocation, providers, tried)!;
                last = provider;
                result = await context.InvokeAsync(provider, invocation).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                result = RpcResult.FromException(e);
            }

            if (result.IsSuccess || attempt >= invocation.Retries || !context.CanRetry(invocation, result.Exception!))
            {
                return result;
            }

            Log.Retrying(context.Logger, attempt + 1, invocation.Context, result.Exception!.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.Failover + 0, LogLevel.Debug, "Retry {Attempt} of {Call} after: {Error}")]
        public static partial void Retrying(ILogger logger, int attempt, string call, string error);
    }
}
