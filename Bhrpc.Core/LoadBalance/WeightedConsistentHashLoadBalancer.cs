using Bhrpc.Cluster;
using Bhrpc.Extensions;

namespace Bhrpc.LoadBalance;

/// <summary>
/// <c>enhanced_zkconsistenthash</c> (Dubbo's <c>consistenthash</c>): the ring of <c>zkconsistenthash</c> with
/// <see cref="VirtualNodesPerWeight"/> virtual nodes per unit of weight, so a provider's share of the keys is
/// proportional to its weight (Java's ignores the weight). A provider's nodes <c>#0..#159</c> are the same as on
/// the unweighted ring, so raising a weight only takes keys to that provider. The ring holds
/// 160 × (sum of weights) points, 8 bytes each; it is rebuilt when an address or a weight changes.
/// </summary>
[SpiClass("enhanced_zkconsistenthash", Aliases = ["consistenthash"])]
public sealed class WeightedConsistentHashLoadBalancer : ILoadBalancer
{
    /// <summary>The virtual nodes per unit of a provider's weight.</summary>
    public const int VirtualNodesPerWeight = ConsistentHashLoadBalancer.VirtualNodes;

    private readonly ConsistentHashSelector _selector = new(VirtualNodesPerWeight, weighted: true);

    /// <summary>How many rings this instance built (for tests).</summary>
    internal int Rebuilds => _selector.Rebuilds;

    /// <inheritdoc />
    public Provider Select(IReadOnlyList<Provider> providers, in LoadBalanceContext context)
    {
        WeightedPick.Require(providers);
        return providers.Count == 1 ? providers[0] : _selector.Select(providers, context.HashCode);
    }
}
