using Bhrpc.Cluster;
using Bhrpc.Extensions;

namespace Bhrpc.LoadBalance;

/// <summary><c>random</c>: every provider equally likely.</summary>
[SpiClass("random")]
public sealed class RandomLoadBalancer : ILoadBalancer
{
    private readonly Random _random;

    /// <summary>Uses the shared thread-safe random source.</summary>
    public RandomLoadBalancer()
        : this(Random.Shared)
    {
    }

    internal RandomLoadBalancer(Random random) => _random = random;

    /// <inheritdoc />
    public Provider Select(IReadOnlyList<Provider> providers, in LoadBalanceContext context)
    {
        ArgumentNullException.ThrowIfNull(providers);
        if (providers.Count == 0)
        {
            throw new ArgumentException("expected at least one provider to choose from.", nameof(providers));
        }

        return providers.Count == 1 ? providers[0] : providers[_random.Next(providers.Count)];
    }
}
