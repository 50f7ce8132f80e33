using Bhrpc.Cluster;
using Bhrpc.LoadBalance;
using Bhrpc.Registry;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.LoadBalance;

internal static class LoadBalancerTestData
{
    public static Provider Provider(int port, int weight = 1, TimeProvider? clock = null)
        => new(
            new ServiceInstance("Svc", "1.0", string.Empty, "127.0.0.1", port, weight, $"id-{port}", DateTimeOffset.UnixEpoch),
            new ProviderStats($"127.0.0.1:{port}", clock ?? TimeProvider.System));

    /// <summary>Feeds <paramref name="provider"/>'s statistics one successful attempt that took <paramref name="latency"/> on <paramref name="clock"/>.</summary>
    public static void Answered(Provider provider, ManualTimeProvider clock, TimeSpan latency)
    {
        var started = provider.Stats.Begin();
        clock.Advance(latency);
        provider.Stats.End(started, failed: false);
    }

    /// <summary>Starts <paramref name="count"/> attempts at <paramref name="provider"/> that stay in flight.</summary>
    public static void Busy(Provider provider, int count)
    {
        for (var i = 0; i < count; i++)
        {
            provider.Stats.Begin();
        }
    }

    public static LoadBalanceContext Context(int hash = 0, string sourceIp = "127.0.0.1") => new("test.IService#1.0.0#", hash, sourceIp);

    public static Dictionary<string, int> Count(ILoadBalancer balancer, IReadOnlyList<Provider> providers, int picks, Func<int, LoadBalanceContext>? context = null)
    {
        var counts = providers.ToDictionary(p => p.Address, _ => 0);
        for (var i = 0; i < picks; i++)
        {
            counts[balancer.Select(providers, context?.Invoke(i) ?? Context()).Address]++;
        }

        return counts;
    }
}
