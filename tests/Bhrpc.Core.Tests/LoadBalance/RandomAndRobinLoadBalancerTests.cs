using Bhrpc.Extensions;
using Bhrpc.LoadBalance;
using static Bhrpc.Tests.LoadBalance.LoadBalancerTestData;

namespace Bhrpc.Tests.LoadBalance;

public sealed class RandomAndRobinLoadBalancerTests
{
    [Test]
    public void WeightedRandom_Weights1And9_ShareIsProportional()
    {
        var providers = new[] { Provider(1, 1), Provider(2, 9) };
        var counts = Count(new WeightedRandomLoadBalancer(new Random(42)), providers, 20_000);
        Assert.That(counts["127.0.0.1:2"] / 20_000.0, Is.EqualTo(0.9).Within(0.02));
    }

    [Test]
    public void Random_Weights1And9_ShareIsEqual()
    {
        var providers = new[] { Provider(1, 1), Provider(2, 9) };
        var counts = Count(new RandomLoadBalancer(new Random(42)), providers, 20_000);
        Assert.That(counts["127.0.0.1:2"] / 20_000.0, Is.EqualTo(0.5).Within(0.02));
    }

    [Test]
    public void Robin_ThreeProviders_ExactSequence()
    {
        var providers = new[] { Provider(1), Provider(2), Provider(3) };
        var balancer = new RoundRobinLoadBalancer();
        var picks = Enumerable.Range(0, 6).Select(_ => balancer.Select(providers, Context()).Instance.Port).ToArray();
        Assert.That(picks, Is.EqualTo(new[] { 1, 2, 3, 1, 2, 3 }));
    }

    [Test]
    public void RobinWeight_Weights5And1And1_SmoothSequence()
    {
        var providers = new[] { Provider(1, 5), Provider(2, 1), Provider(3, 1) };
        var balancer = new SmoothWeightedRoundRobinLoadBalancer();
        var picks = Enumerable.Range(0, 14).Select(_ => balancer.Select(providers, Context()).Instance.Port).ToArray();
        Assert.That(picks, Is.EqualTo(new[] { 1, 1, 2, 1, 3, 1, 1, 1, 1, 2, 1, 3, 1, 1 }));
    }

    [Test]
    public void RobinWeight_ConcurrentPicks_CountsMatchWeights()
    {
        var providers = new[] { Provider(1, 3), Provider(2, 1) };
        var balancer = new SmoothWeightedRoundRobinLoadBalancer();
        var counts = new int[3];
        Parallel.For(0, 4000, _ => Interlocked.Increment(ref counts[balancer.Select(providers, Context()).Instance.Port]));
        Assert.That(counts[1..], Is.EqualTo(new[] { 3000, 1000 }));
    }

    [Test]
    public void Select_SingleProvider_ReturnsIt()
    {
        var only = new[] { Provider(7, 3) };
        Assert.Multiple(() =>
        {
            Assert.That(new WeightedRandomLoadBalancer().Select(only, Context()), Is.SameAs(only[0]));
            Assert.That(new RoundRobinLoadBalancer().Select(only, Context()), Is.SameAs(only[0]));
            Assert.That(new SmoothWeightedRoundRobinLoadBalancer().Select(only, Context()), Is.SameAs(only[0]));
        });
    }

    [TestCase("randomweight", typeof(WeightedRandomLoadBalancer))]
    [TestCase("enhanced_randomweight", typeof(WeightedRandomLoadBalancer))]
    [TestCase("robin", typeof(RoundRobinLoadBalancer))]
    [TestCase("robinweight", typeof(SmoothWeightedRoundRobinLoadBalancer))]
    [TestCase("enhanced_robinweight", typeof(SmoothWeightedRoundRobinLoadBalancer))]
    [TestCase("roundrobin", typeof(SmoothWeightedRoundRobinLoadBalancer))]
    public void Create_Name_ResolvesThroughSharedLoader(string name, Type expected)
        => Assert.That(ExtensionLoader.Shared.Create<ILoadBalancer>(name), Is.InstanceOf(expected));
}
