using Bhrpc.Cluster;
using Bhrpc.Extensions;
using Bhrpc.LoadBalance;
using Bhrpc.Tests.Infrastructure;
using static Bhrpc.Tests.LoadBalance.LoadBalancerTestData;

namespace Bhrpc.Tests.LoadBalance;

public sealed class LoadAwareLoadBalancerTests
{
    [Test]
    public void LeastActive_OthersBusy_PicksTheIdleOne()
    {
        var providers = new[] { Provider(1, 9), Provider(2, 9), Provider(3, 1) };
        Busy(providers[0], 3);
        Busy(providers[1], 1);
        var counts = Count(new LeastActiveLoadBalancer(new Random(42)), providers, 1000);
        Assert.That(counts["127.0.0.1:3"], Is.EqualTo(1000));
    }

    [Test]
    public void LeastActive_AllIdleWeights1And9_TiesSplitByWeight()
    {
        var providers = new[] { Provider(1, 1), Provider(2, 9) };
        var counts = Count(new LeastActiveLoadBalancer(new Random(42)), providers, 20_000);
        Assert.That(counts["127.0.0.1:2"] / 20_000.0, Is.EqualTo(0.9).Within(0.02));
    }

    [Test]
    public void ShortestResponse_OneFaster_PicksIt()
    {
        var providers = Timed((9, 100), (1, 10));
        var counts = Count(new ShortestResponseLoadBalancer(new Random(42)), providers, 1000);
        Assert.That(counts["127.0.0.1:2"], Is.EqualTo(1000));
    }

    [Test]
    public void ShortestResponse_FasterOneBusy_PicksTheSlowerIdleOne()
    {
        // 10 ms × (20 + 1) in flight is a longer expected wait than 100 ms × 1.
        var providers = Timed((1, 100), (1, 10));
        Busy(providers[1], 20);
        var counts = Count(new ShortestResponseLoadBalancer(new Random(42)), providers, 1000);
        Assert.That(counts["127.0.0.1:1"], Is.EqualTo(1000));
    }

    [Test]
    public void ShortestResponse_NewProviderWithACallInFlight_DoesNotTakeEveryCall()
    {
        // A provider with no latency yet counts as the fastest known one, not as free: one call in flight doubles its cost.
        var providers = Timed((1, 50), (1, null));
        Busy(providers[1], 1);
        var counts = Count(new ShortestResponseLoadBalancer(new Random(42)), providers, 1000);
        Assert.That(counts["127.0.0.1:1"], Is.EqualTo(1000));
    }

    [Test]
    public void LeastConnections_OneBusy_PicksTheOther()
    {
        var providers = new[] { Provider(1), Provider(2) };
        Busy(providers[0], 1);
        var counts = Count(new LeastConnectionsLoadBalancer(new Random(42)), providers, 1000);
        Assert.That(counts["127.0.0.1:2"], Is.EqualTo(1000));
    }

    [Test]
    public void LeastConnections_Weights1And9UnderLoad_InFlightFollowsWeight()
    {
        var providers = new[] { Provider(1, 1), Provider(2, 9) };
        var balancer = new LeastConnectionsLoadBalancer(new Random(42));
        for (var i = 0; i < 1000; i++)
        {
            balancer.Select(providers, Context()).Stats.Begin();
        }

        Assert.Multiple(() =>
        {
            Assert.That(providers[0].Stats.InFlight, Is.InRange(99, 101));
            Assert.That(providers[1].Stats.InFlight, Is.InRange(899, 901));
        });
    }

    [Test]
    public void P2C_OneOfThreeBusy_NeverPicksIt()
    {
        var providers = new[] { Provider(1), Provider(2), Provider(3) };
        Busy(providers[0], 5);
        var counts = Count(new PowerOfTwoChoicesLoadBalancer(new Random(42)), providers, 2000);
        Assert.Multiple(() =>
        {
            Assert.That(counts["127.0.0.1:1"], Is.Zero);
            Assert.That(counts["127.0.0.1:2"] / 2000.0, Is.EqualTo(0.5).Within(0.05));
        });
    }

    [Test]
    public void P2C_OneSlower_PicksTheFasterOne()
    {
        var providers = Timed((9, 100), (1, 10));
        var counts = Count(new PowerOfTwoChoicesLoadBalancer(new Random(42)), providers, 1000);
        Assert.That(counts["127.0.0.1:2"], Is.EqualTo(1000));
    }

    [Test]
    public void P2C_NewProviderWithCallsInFlight_ComparedOnInFlight()
    {
        var providers = Timed((1, 10), (1, null));
        Busy(providers[1], 2);
        var counts = Count(new PowerOfTwoChoicesLoadBalancer(new Random(42)), providers, 1000);
        Assert.That(counts["127.0.0.1:1"], Is.EqualTo(1000));
    }

    [Test]
    public void P2C_AllIdleWeights1And1And8_ShareIsProportional()
    {
        var providers = new[] { Provider(1, 1), Provider(2, 1), Provider(3, 8) };
        var counts = Count(new PowerOfTwoChoicesLoadBalancer(new Random(42)), providers, 20_000);
        Assert.Multiple(() =>
        {
            Assert.That(counts["127.0.0.1:1"] / 20_000.0, Is.EqualTo(0.1).Within(0.02));
            Assert.That(counts["127.0.0.1:3"] / 20_000.0, Is.EqualTo(0.8).Within(0.02));
        });
    }

    [Test]
    public void P2C_ThreeProviders_DrawsTwoDistinctOnes()
    {
        // With two distinct draws, the busiest of three is never the pick; drawing the same one twice would pick it.
        var providers = new[] { Provider(1, 100), Provider(2, 1), Provider(3, 1) };
        Busy(providers[0], 1);
        var counts = Count(new PowerOfTwoChoicesLoadBalancer(new Random(42)), providers, 2000);
        Assert.That(counts["127.0.0.1:1"], Is.Zero);
    }

    [TestCase("leastactive", typeof(LeastActiveLoadBalancer))]
    [TestCase("shortestresponse", typeof(ShortestResponseLoadBalancer))]
    [TestCase("enhanced_leastconnections", typeof(LeastConnectionsLoadBalancer))]
    [TestCase("p2c", typeof(PowerOfTwoChoicesLoadBalancer))]
    public void Create_Name_ResolvesThroughSharedLoader(string name, Type expected)
        => Assert.That(ExtensionLoader.Shared.Create<ILoadBalancer>(name), Is.InstanceOf(expected));

    [TestCase("hash")]
    [TestCase("iphash")]
    [TestCase("iphashweight")]
    [TestCase("zkconsistenthash")]
    [TestCase("enhanced_zkconsistenthash")]
    [TestCase("leastactive")]
    [TestCase("shortestresponse")]
    [TestCase("enhanced_leastconnections")]
    [TestCase("p2c")]
    public void Select_SingleProvider_ReturnsIt(string name)
    {
        var only = new[] { Provider(7, 3) };
        Assert.That(ExtensionLoader.Shared.Create<ILoadBalancer>(name).Select(only, Context(StableHash.Of("k"))), Is.SameAs(only[0]));
    }

    [TestCase("hash")]
    [TestCase("iphash")]
    [TestCase("iphashweight")]
    [TestCase("zkconsistenthash")]
    [TestCase("enhanced_zkconsistenthash")]
    [TestCase("leastactive")]
    [TestCase("shortestresponse")]
    [TestCase("enhanced_leastconnections")]
    [TestCase("p2c")]
    public void Select_NoProvider_ThrowsSayingWhatWasExpected(string name)
    {
        var balancer = ExtensionLoader.Shared.Create<ILoadBalancer>(name);
        Assert.That(() => balancer.Select([], Context()), Throws.ArgumentException.With.Message.Contains("expected at least one provider"));
    }

    /// <summary>
    /// Providers 127.0.0.1:1, :2, … with the given weights on one manual clock, each having answered one call in
    /// the given number of milliseconds (null: none yet, so no latency is known).
    /// </summary>
    private static Provider[] Timed(params (int Weight, int? AnsweredInMs)[] providers)
    {
        var clock = new ManualTimeProvider();
        var made = providers.Select((p, i) => Provider(i + 1, p.Weight, clock)).ToArray();
        for (var i = 0; i < made.Length; i++)
        {
            if (providers[i].AnsweredInMs is { } ms)
            {
                Answered(made[i], clock, TimeSpan.FromMilliseconds(ms));
            }
        }

        return made;
    }
}
