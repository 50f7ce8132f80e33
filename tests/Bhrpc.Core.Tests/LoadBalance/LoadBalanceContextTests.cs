using Bhrpc.Cluster;
using Bhrpc.LoadBalance;

namespace Bhrpc.Tests.LoadBalance;

/// <summary>The call's hash is made only for balancers that read it.</summary>
public sealed class LoadBalanceContextTests
{
    [Test]
    public void FromArguments_ABalancerThatDoesNotHash_NeverFormatsTheArgument()
    {
        var key = new CountingKey("k-1");
        var context = new LoadBalanceContext("test.IService#1.0.0#", [key], "127.0.0.1", null);
        Provider[] providers = [LoadBalancerTestData.Provider(1), LoadBalancerTestData.Provider(2), LoadBalancerTestData.Provider(3)];

        for (var i = 0; i < 10; i++)
        {
            new RandomLoadBalancer().Select(providers, context);
            new RoundRobinLoadBalancer().Select(providers, context);
        }

        Assert.That(key.Formatted, Is.Zero);
    }

    [Test]
    public void FromArguments_HashCode_IsTheStableHashOfTheFirstArgument()
    {
        var key = new CountingKey("k-1");
        var context = new LoadBalanceContext("test.IService#1.0.0#", [key, 7], "127.0.0.1", null);

        Assert.That(context.HashCode, Is.EqualTo(StableHash.OfString("k-1")));
        Assert.That(key.Formatted, Is.EqualTo(1));
        Assert.That(new LoadBalanceContext("test.IService#1.0.0#", [], "127.0.0.1", null).HashCode, Is.EqualTo(StableHash.OfString("test.IService#1.0.0#")));
    }

    private sealed class CountingKey(string text)
    {
        public int Formatted { get; private set; }

        public override string ToString()
        {
            Formatted++;
            return text;
        }
    }
}
