using Bhrpc.Cluster;
using Bhrpc.Extensions;

namespace Bhrpc.LoadBalance;

/// <summary>
/// <c>p2c</c>: power of two choices, as Finagle and Linkerd balance. Two distinct providers are drawn at random in
/// proportion to weight and the cheaper one wins, cost = latency average (<see cref="ProviderStats.LatencyEwma"/>)
/// × (calls in flight + 1). A provider with no latency yet is given the other one's (so the two compare on their
/// calls in flight); when neither has one, the calls in flight alone decide. Equal costs keep the first draw. Looks
/// at two providers per pick whatever the list's length, and never sends to the most loaded one of three or more.
/// </summary>
[SpiClass("p2c")]
public sealed class PowerOfTwoChoicesLoadBalancer : ILoadBalancer
{
    private readonly Random _random;

    /// <summary>Uses the shared thread-safe random source.</summary>
    public PowerOfTwoChoicesLoadBalancer()
        : this(Random.Shared)
    {
    }

    internal PowerOfTwoChoicesLoadBalancer(Random random) => _random = random;

    /// <inheritdoc />
    public bool UsesStatistics => true;

    /// <inheritdoc />
    public Provider Select(IReadOnlyList<Provider> providers, in LoadBalanceContext context)
    {
        WeightedPick.Require(providers);
        if (providers.Count == 1)
        {
            return providers[0];
        }

        var total = WeightedPick.TotalWeight(providers);
        var first = WeightedPick.IndexAt(providers, _random.Next(total));
        var second = WeightedPick.RandomIndexExcept(providers, total, first, _random);
        var a = providers[first];
        var b = providers[second];
        double latencyA = a.Stats.LatencyEwma.Ticks;
        double latencyB = b.Stats.LatencyEwma.Ticks;
        if (latencyA == 0 || latencyB == 0)
        {
            var known = Math.Max(latencyA, latencyB);
            latencyA = latencyB = known == 0 ? 1 : known;
        }

        return latencyB * (b.Stats.InFlight + 1) < latencyA * (a.Stats.InFlight + 1) ? b : a;
    }
}
