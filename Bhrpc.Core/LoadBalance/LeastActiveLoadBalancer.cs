using Bhrpc.Cluster;
using Bhrpc.Extensions;

namespace Bhrpc.LoadBalance;

/// <summary>
/// <c>leastactive</c> (Dubbo's): the provider with the fewest attempts in flight
/// (<see cref="ProviderStats.InFlight"/>, counted per address across the client's references); among equally idle
/// ones, one at random in proportion to weight.
/// </summary>
[SpiClass("leastactive")]
public sealed class LeastActiveLoadBalancer : ILoadBalancer
{
    private readonly Random _random;

    /// <summary>Uses the shared thread-safe random source for ties.</summary>
    public LeastActiveLoadBalancer()
        : this(Random.Shared)
    {
    }

    internal LeastActiveLoadBalancer(Random random) => _random = random;

    /// <inheritdoc />
    public bool UsesStatistics => true;

    /// <inheritdoc />
    public Provider Select(IReadOnlyList<Provider> providers, in LoadBalanceContext context)
        => LeastCost.Select(providers, _random, static (providers, costs) =>
        {
            for (var i = 0; i < costs.Length; i++)
            {
                costs[i] = providers[i].Stats.InFlight;
            }
        });
}
