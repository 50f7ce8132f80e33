using Bhrpc.Extensions;
using Bhrpc.LoadBalance;
using static Bhrpc.Tests.LoadBalance.LoadBalancerTestData;

namespace Bhrpc.Tests.LoadBalance;

public sealed class HashLoadBalancerTests
{
    [Test]
    public void HashWeight_SameKey_SameProvider()
    {
        var providers = new[] { Provider(1, 2), Provider(2, 3), Provider(3, 5) };
        var balancer = new WeightedHashLoadBalancer();
        var first = balancer.Select(providers, Context(StableHash.Of("order-17")));
        var again = Enumerable.Range(0, 100).Select(_ => balancer.Select(providers, Context(StableHash.Of("order-17"))));
        Assert.That(again, Is.All.SameAs(first));
    }

    [Test]
    public void HashWeight_Weights1And9_KeyShareIsProportional()
    {
        var providers = new[] { Provider(1, 1), Provider(2, 9) };
        var counts = Count(new WeightedHashLoadBalancer(), providers, 20_000, i => Context(StableHash.Of("key-" + i)));
        Assert.That(counts["127.0.0.1:2"] / 20_000.0, Is.EqualTo(0.9).Within(0.02));
    }

    [TestCase("hashweight")]
    [TestCase("enhanced_hashweight")]
    public void Create_HashName_ResolvesThroughSharedLoader(string name)
        => Assert.That(ExtensionLoader.Shared.Create<ILoadBalancer>(name), Is.InstanceOf<WeightedHashLoadBalancer>());
}
