using Bhrpc.Cluster;
using Bhrpc.LoadBalance;
using Bhrpc.Registry;

namespace Bhrpc.Tests.LoadBalance;

internal static class LoadBalancerTestData
{
    public static Provider Provider(int port, int weight = 1)
        => new(
            new ServiceInstance("Svc", "1.0", string.Empty, "127.0.0.1", port, weight, $"id-{port}", DateTimeOffset.UnixEpoch),
            new ProviderStats($"127.0.0.1:{port}", TimeProvider.System));

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
