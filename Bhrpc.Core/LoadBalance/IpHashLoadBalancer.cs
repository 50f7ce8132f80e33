using Bhrpc.Cluster;
using Bhrpc.Extensions;

namespace Bhrpc.LoadBalance;

/// <summary>
/// <c>iphash</c>: the consumer's address (<see cref="LoadBalanceContext.SourceIp"/>, hashed with
/// <see cref="StableHash.OfString"/>) combined with the call's hash, mapped evenly onto the providers, ignoring
/// weight: one consumer sends a key to the same provider every time, and different consumers spread the same key
/// over different providers. An empty source address hashes like any other string (Java returns the first
/// provider for it).
/// </summary>
[SpiClass("iphash")]
public sealed class IpHashLoadBalancer : ILoadBalancer
{
    /// <inheritdoc />
    public Provider Select(IReadOnlyList<Provider> providers, in LoadBalanceContext context)
    {
        WeightedPick.Require(providers);
        return providers.Count == 1 ? providers[0] : providers[WeightedPick.Index(IpHash(context), providers.Count)];
    }

    /// <summary>The source address's stable hash combined with the call's.</summary>
    internal static int IpHash(in LoadBalanceContext context)
        => StableHash.Combine(StableHash.OfString(context.SourceIp ?? string.Empty), context.HashCode);
}
