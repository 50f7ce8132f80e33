using Bhrpc.Cluster;
using Bhrpc.Extensions;

namespace Bhrpc.LoadBalance;

/// <summary>
/// <c>zkconsistenthash</c>: a consistent-hash ring with <see cref="VirtualNodes"/> virtual nodes per provider at
/// <see cref="StableHash.OfString"/>(<c>"host:port#i"</c>), ignoring weight; the call's hash picks the first node
/// clockwise. Adding a provider to n moves about 1/(n+1) of the keys (all to it); removing one moves only its keys.
/// The ring is built when the set of addresses changes, not per call, and a ring serves every subset of its set
/// (a provider left out is skipped clockwise). Java rebuilds the ring on every call, with 10 nodes per provider keyed
/// by <c>Object.toString()</c> (an identity hash, so no two consumers agree).
/// </summary>
[SpiClass("zkconsistenthash")]
public sealed class ConsistentHashLoadBalancer : ILoadBalancer
{
    /// <summary>The virtual nodes of each provider.</summary>
    public const int VirtualNodes = 160;

    private readonly ConsistentHashSelector _selector = new(VirtualNodes, weighted: false);

    /// <summary>How many rings this instance built (for tests).</summary>
    internal int Rebuilds => _selector.Rebuilds;

    /// <inheritdoc />
    public Provider Select(IReadOnlyList<Provider> providers, in LoadBalanceContext context)
    {
        WeightedPick.Require(providers);
        return providers.Count == 1 ? providers[0] : _selector.Select(providers, context.HashCode);
    }
}
