using Bhrpc.Cluster;
using Bhrpc.Extensions;

namespace Bhrpc.LoadBalance;

/// <summary>
/// <c>robinweight</c> (same algorithm as <c>enhanced_robinweight</c>; Dubbo's <c>roundrobin</c>): smooth weighted
/// round-robin as nginx does it. Every pick adds each provider's weight to its current value, picks the largest and
/// takes the total off it, so weights 5,1,1 give a,a,b,a,c,a,a (spread out, not bunched). State is per instance
/// (one per reference), keyed by address, and guarded by a lock.
/// </summary>
[SpiClass("robinweight", Aliases = ["enhanced_robinweight", "roundrobin"])]
public sealed class SmoothWeightedRoundRobinLoadBalancer : ILoadBalancer
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _current = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Provider Select(IReadOnlyList<Provider> providers, in LoadBalanceContext context)
    {
        WeightedPick.Require(providers);
        if (providers.Count == 1)
        {
            return providers[0];
        }

        lock (_lock)
        {
            if (_current.Count > providers.Count * 4)
            {
                // Addresses that left the list long ago: drop their state.
                _current.Clear();
            }

            long total = 0;
            Provider? best = null;
            long bestValue = long.MinValue;
            for (var i = 0; i < providers.Count; i++)
            {
                var p = providers[i];
                total += p.Weight;
                _current.TryGetValue(p.Address, out var value);
                value += p.Weight;
                _current[p.Address] = value;
                if (value > bestValue)
                {
                    bestValue = value;
                    best = p;
                }
            }

            _current[best!.Address] = bestValue - total;
            return best;
        }
    }
}
