using Bhrpc.Cluster;
using Bhrpc.Extensions;

namespace Bhrpc.LoadBalance;

/// <summary>
/// <c>robin</c>: each provider in turn, ignoring weight. The counter belongs to this instance (one per reference),
/// not to the process as Java's is.
/// </summary>
[SpiClass("robin")]
public sealed class RoundRobinLoadBalancer : ILoadBalancer
{
    private int _next = -1;

    /// <inheritdoc />
    public Provider Select(IReadOnlyList<Provider> providers, in LoadBalanceContext context)
    {
        WeightedPick.Require(providers);
        if (providers.Count == 1)
        {
            return providers[0];
        }

        var n = unchecked((uint)Interlocked.Increment(ref _next));
        return providers[(int)(n % (uint)providers.Count)];
    }
}
