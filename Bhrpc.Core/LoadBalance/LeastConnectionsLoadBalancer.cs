using Bhrpc.Cluster;
using Bhrpc.Extensions;

namespace Bhrpc.LoadBalance;

/// <summary>
/// <c>enhanced_leastconnections</c>: weighted least connections. The provider with the fewest attempts in flight
/// per unit of weight (<see cref="ProviderStats.InFlight"/> / weight), so under load a weight-9 provider carries
/// nine times the concurrent calls of a weight-1 one; among equal ones (e.g. all idle), one at random in proportion
/// to weight. Java's version counts connections made and never decrements them (so it stops balancing once every
/// provider has been connected to) and ignores the weight; this one counts what is outstanding now.
/// </summary>
[SpiClass("enhanced_leastconnections")]
public sealed class LeastConnectionsLoadBalancer : ILoadBalancer
{
    private readonly Random _random;

    /// <summary>Uses the shared thread-safe random source for ties.</summary>
    public LeastConnectionsLoadBalancer()
        : this(Random.Shared)
    {
    }

    internal LeastConnectionsLoadBalancer(Random random) => _random = random;

    /// <inheritdoc />
    public bool UsesStatistics => true;

    /// <inheritdoc />
    public Provider Select(IReadOnlyList<Provider> providers, in LoadBalanceContext context)
        => LeastCost.Select(providers, _random, static (providers, costs) =>
        {
            for (var i = 0; i < costs.Length; i++)
            {
                // Exact for equal ratios: a correctly rounded division gives 1/3 and 2/6 the same double.
                costs[i] = (double)providers[i].Stats.InFlight / providers[i].Weight;
            }
        });
}
