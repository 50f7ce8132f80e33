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

    [Test]
    public void Hash_SameKey_SameProvider()
    {
        var providers = new[] { Provider(1), Provider(2), Provider(3), Provider(4) };
        var balancer = new HashLoadBalancer();
        var first = balancer.Select(providers, Context(StableHash.Of("order-17")));
        var again = Enumerable.Range(0, 100).Select(_ => balancer.Select(providers, Context(StableHash.Of("order-17"))));
        Assert.That(again, Is.All.SameAs(first));
    }

    [Test]
    public void Hash_Weights1And9_KeyShareIsEqual()
    {
        var providers = new[] { Provider(1, 1), Provider(2, 9) };
        var counts = Count(new HashLoadBalancer(), providers, 20_000, i => Context(StableHash.Of("key-" + i)));
        Assert.That(counts["127.0.0.1:2"] / 20_000.0, Is.EqualTo(0.5).Within(0.02));
    }

    [Test]
    public void Hash_ManyKeys_EveryProviderGetsItsShare()
    {
        var providers = Enumerable.Range(1, 5).Select(p => Provider(p)).ToArray();
        var counts = Count(new HashLoadBalancer(), providers, 20_000, i => Context(StableHash.Of(i)));
        Assert.That(counts.Values.Select(c => c / 20_000.0), Is.All.EqualTo(0.2).Within(0.02));
    }

    [Test]
    public void IpHash_SameKeyAndSourceIp_SameProvider()
    {
        var providers = new[] { Provider(1), Provider(2), Provider(3), Provider(4) };
        var balancer = new IpHashLoadBalancer();
        var first = balancer.Select(providers, Context(StableHash.Of("order-17"), "10.1.2.3"));
        var again = Enumerable.Range(0, 100).Select(_ => balancer.Select(providers, Context(StableHash.Of("order-17"), "10.1.2.3")));
        Assert.That(again, Is.All.SameAs(first));
    }

    [Test]
    public void IpHash_SameKeyFromManyConsumers_SpreadOverProviders()
    {
        // The key alone would send every consumer to one provider; the source address spreads them.
        var providers = new[] { Provider(1), Provider(2), Provider(3), Provider(4) };
        var counts = Count(new IpHashLoadBalancer(), providers, 20_000, i => Context(StableHash.Of("order-17"), $"10.0.{i / 250}.{i % 250}"));
        Assert.That(counts.Values.Select(c => c / 20_000.0), Is.All.EqualTo(0.25).Within(0.02));
    }

    [Test]
    public void IpHash_Weights1And9_ShareIsEqual()
    {
        var providers = new[] { Provider(1, 1), Provider(2, 9) };
        var counts = Count(new IpHashLoadBalancer(), providers, 20_000, i => Context(StableHash.Of("key-" + i), "10.1.2.3"));
        Assert.That(counts["127.0.0.1:2"] / 20_000.0, Is.EqualTo(0.5).Within(0.02));
    }

    [Test]
    public void IpHashWeight_Weights1And9_ShareIsProportional()
    {
        var providers = new[] { Provider(1, 1), Provider(2, 9) };
        var counts = Count(new WeightedIpHashLoadBalancer(), providers, 20_000, i => Context(StableHash.Of("order-17"), $"10.0.{i / 250}.{i % 250}"));
        Assert.That(counts["127.0.0.1:2"] / 20_000.0, Is.EqualTo(0.9).Within(0.02));
    }

    [Test]
    public void IpHashWeight_SameKeyAndSourceIp_SameProvider()
    {
        var providers = new[] { Provider(1, 2), Provider(2, 3), Provider(3, 5) };
        var balancer = new WeightedIpHashLoadBalancer();
        var first = balancer.Select(providers, Context(StableHash.Of(42), "192.168.7.9"));
        var again = Enumerable.Range(0, 100).Select(_ => balancer.Select(providers, Context(StableHash.Of(42), "192.168.7.9")));
        Assert.That(again, Is.All.SameAs(first));
    }

    [TestCase("hashweight", typeof(WeightedHashLoadBalancer))]
    [TestCase("enhanced_hashweight", typeof(WeightedHashLoadBalancer))]
    [TestCase("hash", typeof(HashLoadBalancer))]
    [TestCase("iphash", typeof(IpHashLoadBalancer))]
    [TestCase("iphashweight", typeof(WeightedIpHashLoadBalancer))]
    [TestCase("enhanced_iphashweight", typeof(WeightedIpHashLoadBalancer))]
    [TestCase("zkconsistenthash", typeof(ConsistentHashLoadBalancer))]
    [TestCase("enhanced_zkconsistenthash", typeof(WeightedConsistentHashLoadBalancer))]
    [TestCase("consistenthash", typeof(WeightedConsistentHashLoadBalancer))]
    public void Create_HashName_ResolvesThroughSharedLoader(string name, Type expected)
        => Assert.That(ExtensionLoader.Shared.Create<ILoadBalancer>(name), Is.InstanceOf(expected));
}
