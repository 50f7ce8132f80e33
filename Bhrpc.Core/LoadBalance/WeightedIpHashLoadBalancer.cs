using Bhrpc.Cluster;
using Bhrpc.Extensions;

namespace Bhrpc.LoadBalance;

/// <summary>
/// <c>iphashweight</c> (same algorithm as <c>enhanced_iphashweight</c>): the hash of <c>iphash</c> (source address
/// combined with the call's hash) mapped onto the providers' cumulative weights, so a provider's share of
/// (consumer, key) pairs is proportional to its weight (Java's plain <c>iphashweight</c> ignores the weight).
/// </summary>
[SpiClass("iphashweight", Aliases = ["enhanced_iphashweight"])]
public sealed class WeightedIpHashLoadBalancer : ILoadBalancer
{
    /// <inheritdoc />
    public Provider Select(IReadOnlyList<Provider> providers, in LoadBalanceContext context)
    {
        WeightedPick.Require(providers);
        return providers.Count == 1 ? providers[0] : WeightedPick.Hash(providers, IpHashLoadBalancer.IpHash(context));
    }
}
