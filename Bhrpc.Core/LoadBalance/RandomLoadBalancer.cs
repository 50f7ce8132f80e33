using Bhrpc.Extensions;
using Bhrpc.Registry;

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
    public ServiceInstance Select(IReadOnlyList<ServiceInstance> instances, in LoadBalanceContext context)
    {
        ArgumentNullException.ThrowIfNull(instances);
        if (instances.Count == 0)
        {
            throw new ArgumentException("expected at least one provider instance to choose from.", nameof(instances));
        }

        return instances.Count == 1 ? instances[0] : instances[_random.Next(instances.Count)];
    }
}
