using Bhrpc.Extensions;
using Bhrpc.Registry;

namespace Bhrpc.LoadBalance;

/// <summary>Extension point <c>loadbalancer</c>: picks one provider for a call. Each reference owns its instance.</summary>
[Spi("random")]
public interface ILoadBalancer
{
    /// <summary>Picks one of <paramref name="instances"/> (never empty).</summary>
    ServiceInstance Select(IReadOnlyList<ServiceInstance> instances, in LoadBalanceContext context);
}
