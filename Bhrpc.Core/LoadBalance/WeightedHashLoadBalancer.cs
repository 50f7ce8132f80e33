using Bhrpc.Cluster;
using Bhrpc.Extensions;

namespace Bhrpc.LoadBalance;

/// <summary>
/// <c>hashweight</c> (same algorithm as <c>enhanced_hashweight</c>): the call's stable hash mapped onto the providers'
/// cumulative weights, so the same key picks the same provider in every consumer and a provider's share of keys is
/// proportional to its weight.
/// </summary>
[SpiClass("hashweight", Aliases = ["enhanced_hashweight"])]
public sealed class WeightedHashLoadBalancer : ILoadBalancer
{
    /// <inheritdoc />
    public Provider Select(IReadOnlyList<Provider> providers, in LoadBalanceContext context)
    {
        WeightedPick.Require(providers);
        return providers.Count == 1 ? providers[0] : WeightedPick.Hash(providers, context.HashCode);
    }
}
