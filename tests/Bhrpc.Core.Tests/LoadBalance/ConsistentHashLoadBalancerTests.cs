using Bhrpc.Cluster;
using Bhrpc.LoadBalance;
using static Bhrpc.Tests.LoadBalance.LoadBalancerTestData;

namespace Bhrpc.Tests.LoadBalance;

public sealed class ConsistentHashLoadBalancerTests
{
    private const int Keys = 10_000;

    [Test]
    public void ZkConsistentHash_ListInAnotherOrder_SameProviderPerKey()
    {
        var providers = Enumerable.Range(1, 6).Select(p => Provider(p)).ToArray();
        var forward = Picks(new ConsistentHashLoadBalancer(), providers);
        var backward = Picks(new ConsistentHashLoadBalancer(), [.. providers.Reverse()]);
        Assert.That(backward, Is.EqualTo(forward));
    }

    [Test]
    public void ZkConsistentHash_ProviderAdded_OnlyItsShareOfKeysMoveAllToIt()
    {
        var ten = Enumerable.Range(1, 10).Select(p => Provider(p)).ToArray();
        var eleven = ten.Append(Provider(11)).ToArray();
        var balancer = new ConsistentHashLoadBalancer();
        var before = Picks(balancer, ten);
        var after = Picks(balancer, eleven);
        var moved = Enumerable.Range(0, Keys).Where(k => after[k] != before[k]).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(moved.Select(k => after[k]), Is.All.EqualTo("127.0.0.1:11"));
            // A modulo hash would move about 10/11 of them.
            Assert.That(moved.Length / (double)Keys, Is.EqualTo(1 / 11.0).Within(0.03));
        });
    }

    [Test]
    public void ZkConsistentHash_ProviderLeftOut_OnlyItsKeysMoveAndRingIsReused()
    {
        var five = Enumerable.Range(1, 5).Select(p => Provider(p)).ToArray();
        var four = five.Where(p => p.Instance.Port != 3).ToArray();
        var balancer = new ConsistentHashLoadBalancer();
        var before = Picks(balancer, five);
        var after = Picks(balancer, four);
        var fresh = Picks(new ConsistentHashLoadBalancer(), four);
        Assert.Multiple(() =>
        {
            Assert.That(Enumerable.Range(0, Keys).Where(k => before[k] != "127.0.0.1:3").Select(k => after[k] == before[k]), Is.All.True);
            Assert.That(after, Is.Not.Contains("127.0.0.1:3"));
            // Skipping the left-out provider on the old ring answers as a ring built without it.
            Assert.That(after, Is.EqualTo(fresh));
            Assert.That(balancer.Rebuilds, Is.EqualTo(1));
        });
    }

    [Test]
    public void ZkConsistentHash_ListUnchangedOrCopied_RingNotRebuilt()
    {
        var providers = Enumerable.Range(1, 4).Select(p => Provider(p)).ToArray();
        var balancer = new ConsistentHashLoadBalancer();
        Picks(balancer, providers);
        Picks(balancer, [.. providers]);
        Picks(balancer, [.. providers.Select(p => Provider(p.Instance.Port))]);
        var unchanged = balancer.Rebuilds;
        Picks(balancer, [.. providers, Provider(5)]);
        Assert.Multiple(() =>
        {
            Assert.That(unchanged, Is.EqualTo(1));
            Assert.That(balancer.Rebuilds, Is.EqualTo(2));
        });
    }

    [Test]
    public void ZkConsistentHash_ReturnsTheEntryOfTheListPassed()
    {
        var providers = Enumerable.Range(1, 4).Select(p => Provider(p)).ToArray();
        var copies = providers.Select(p => Provider(p.Instance.Port)).ToArray();
        var balancer = new ConsistentHashLoadBalancer();
        balancer.Select(providers, Context(StableHash.Of("k")));
        var picked = balancer.Select(copies, Context(StableHash.Of("k")));
        Assert.That(copies, Has.Some.SameAs(picked));
    }

    [Test]
    public void ZkConsistentHash_Weights1And9_KeyShareIgnoresWeight()
    {
        var providers = new[] { Provider(1, 1), Provider(2, 9) };
        var counts = Count(new ConsistentHashLoadBalancer(), providers, 20_000, i => Context(StableHash.Of("key-" + i)));
        Assert.That(counts["127.0.0.1:2"] / 20_000.0, Is.EqualTo(0.5).Within(0.05));
    }

    [Test]
    public void EnhancedZkConsistentHash_Weights1And9_KeyShareIsProportional()
    {
        var providers = new[] { Provider(1, 1), Provider(2, 9) };
        var counts = Count(new WeightedConsistentHashLoadBalancer(), providers, 20_000, i => Context(StableHash.Of("key-" + i)));
        Assert.That(counts["127.0.0.1:2"] / 20_000.0, Is.EqualTo(0.9).Within(0.02));
    }

    [Test]
    public void EnhancedZkConsistentHash_WeightRaised_RingRebuiltAndKeysMoveOnlyToIt()
    {
        var balancer = new WeightedConsistentHashLoadBalancer();
        var before = Picks(balancer, [Provider(1, 1), Provider(2, 1), Provider(3, 1)]);
        var after = Picks(balancer, [Provider(1, 1), Provider(2, 3), Provider(3, 1)]);
        var moved = Enumerable.Range(0, Keys).Where(k => after[k] != before[k]).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(balancer.Rebuilds, Is.EqualTo(2));
            Assert.That(moved, Is.Not.Empty);
            Assert.That(moved.Select(k => after[k]), Is.All.EqualTo("127.0.0.1:2"));
        });
    }

    [Test]
    public void ZkConsistentHash_ConcurrentPicksWhileListChanges_PicksOnlyFromTheListPassed()
    {
        var lists = Enumerable.Range(3, 6).Select(n => Enumerable.Range(1, n).Select(p => Provider(p)).ToArray()).ToArray();
        var balancer = new ConsistentHashLoadBalancer();
        var wrong = 0;
        Parallel.For(0, 20_000, i =>
        {
            var list = lists[i % lists.Length];
            var picked = balancer.Select(list, Context(StableHash.Of(i)));
            if (Array.IndexOf(list, picked) < 0)
            {
                Interlocked.Increment(ref wrong);
            }
        });
        Assert.That(wrong, Is.Zero);
    }

    [Test]
    public void Build_Unweighted_160VirtualNodesPerAddress()
    {
        var ring = ConsistentHashRing.Build([Provider(1, 1), Provider(2, 2), Provider(3, 3), Provider(3, 3)], 160, weighted: false, out var map);
        Assert.Multiple(() =>
        {
            Assert.That(ring.ProviderCount, Is.EqualTo(3));
            Assert.That(ring.PointCount, Is.EqualTo(3 * 160));
            Assert.That(map, Is.EqualTo(new[] { 0, 1, 2 }));
        });
    }

    [Test]
    public void Build_Weighted_VirtualNodesProportionalToWeight()
    {
        var ring = ConsistentHashRing.Build([Provider(1, 1), Provider(2, 2), Provider(3, 3)], 160, weighted: true, out _);
        Assert.That(ring.PointCount, Is.EqualTo(6 * 160));
    }

    private static string[] Picks(ILoadBalancer balancer, Provider[] providers)
        => [.. Enumerable.Range(0, Keys).Select(k => balancer.Select(providers, Context(StableHash.Of("user-" + k))).Address)];
}
