using Bhrpc.Cluster;
using Bhrpc.Extensions;

namespace Bhrpc.LoadBalance;

/// <summary>
/// <c>randomweight</c> (same algorithm as <c>enhanced_randomweight</c>): a provider is picked with probability
/// proportional to its weight (Java's plain <c>randomweight</c> ignores the weight; this one does not).
/// </summary>
[SpiClass("randomweight", Aliases = ["enhanced_randomweight"])]
public sealed class WeightedRandomLoadBalancer : ILoadBalancer
{
    private readonly Random _random;

    /// <summary>Uses the shared thread-safe random source.</summary>
    public WeightedRandomLoadBalancer()
        : this(Random.Shared)
    {
    }

    internal WeightedRandomLoadBalancer(Random random) => _random = random;

    /// <inheritdoc />
    public Provider Select(IReadOnlyList<Provider> providers, in LoadBalanceContext context)
    {
        WeightedPick.Require(providers);
        return providers.Count == 1 ? providers[0] : WeightedPick.Random(providers, _random);
    }
}
