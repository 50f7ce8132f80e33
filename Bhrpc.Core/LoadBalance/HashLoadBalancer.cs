using Bhrpc.Cluster;
using Bhrpc.Extensions;

namespace Bhrpc.LoadBalance;

/// <summary>
/// <c>hash</c>: the call's process-stable hash (<see cref="LoadBalanceContext.HashCode"/>) mapped evenly onto the
/// providers, ignoring weight, so the same key picks the same provider in every consumer that sees the same list
/// (registries hand it out sorted by instance id). Java's <c>abs(hashCode) % n</c> with a hash that, unlike Java's
/// <c>String.hashCode</c> in .NET, does not change per process.
/// </summary>
[SpiClass("hash")]
public sealed class HashLoadBalancer : ILoadBalancer
{
    /// <inheritdoc />
    public Provider Select(IReadOnlyList<Provider> providers, in LoadBalanceContext context)
    {
        WeightedPick.Require(providers);
        return providers.Count == 1 ? providers[0] : providers[WeightedPick.Index(context.HashCode, providers.Count)];
    }
}
