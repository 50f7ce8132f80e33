using Bhrpc.Cluster;
using Bhrpc.Extensions;

namespace Bhrpc.LoadBalance;

/// <summary>
/// Extension point <c>loadbalancer</c>: picks one provider for an attempt. Each reference owns its instance (made
/// with an <see cref="ExtensionContext"/> when the class takes one); it is called concurrently.
/// </summary>
[Spi("random")]
public interface ILoadBalancer
{
    /// <summary>Picks one of <paramref name="providers"/> (never empty; the cluster has already left out ejected and excluded ones when it could).</summary>
    Provider Select(IReadOnlyList<Provider> providers, in LoadBalanceContext context);

    /// <summary>
    /// Whether <see cref="Select"/> reads <see cref="Provider.Stats"/> (calls in flight, latency, failures). Those
    /// are fed by the pipeline's attempts, so a reference whose balancer says true always takes the pipeline, never
    /// the direct path that records nothing. Default false.
    /// </summary>
    bool UsesStatistics => false;
}
