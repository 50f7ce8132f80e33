using Bhrpc.Cluster;
using Bhrpc.LoadBalance;

namespace Bhrpc.Tests.Pipeline;

/// <summary>Always picks the first provider it is handed, so a test knows which address an attempt goes to.</summary>
internal sealed class FirstLoadBalancer : ILoadBalancer
{
    public const string Name = "spine-first";

    public Provider Select(IReadOnlyList<Provider> providers, in LoadBalanceContext context) => providers[0];
}
