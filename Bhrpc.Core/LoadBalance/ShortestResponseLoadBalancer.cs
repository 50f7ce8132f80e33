using Bhrpc.Cluster;
using Bhrpc.Extensions;

namespace Bhrpc.LoadBalance;

/// <summary>
/// <c>shortestresponse</c> (Dubbo's): the provider whose next answer is expected soonest, estimated as its latency
/// average (<see cref="ProviderStats.LatencyEwma"/>) × (calls in flight + 1); among equal estimates, one at random
/// in proportion to weight. A provider with no latency yet counts as the fastest known one (see
/// <see cref="LeastCost.UnknownLatency"/>), so it is tried without taking every call until it answers.
/// </summary>
[SpiClass("shortestresponse")]
public sealed class ShortestResponseLoadBalancer : ILoadBalancer
{
    private readonly Random _random;

    /// <summary>Uses the shared thread-safe random source for ties.</summary>
    public ShortestResponseLoadBalancer()
        : this(Random.Shared)
    {
    }

    internal ShortestResponseLoadBalancer(Random random) => _random = random;

    /// <inheritdoc />
    public bool UsesStatistics => true;

    /// <inheritdoc />
    public Provider Select(IReadOnlyList<Provider> providers, in LoadBalanceContext context)
        => LeastCost.Select(providers, _random, static (providers, costs) =>
        {
            for (var i = 0; i < costs.Length; i++)
            {
                costs[i] = providers[i].Stats.LatencyEwma.Ticks;
            }

            var unknown = LeastCost.UnknownLatency(costs);
            for (var i = 0; i < costs.Length; i++)
            {
                var latency = costs[i] > 0 ? costs[i] : unknown;
                costs[i] = latency * (providers[i].Stats.InFlight + 1);
            }
        });
}
