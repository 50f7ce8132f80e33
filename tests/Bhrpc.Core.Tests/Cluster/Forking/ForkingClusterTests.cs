using Bhrpc.Cluster.Forking;
using Bhrpc.Extensions;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Cluster.Forking;

public sealed class ForkingClusterTests
{
    public interface IQuery
    {
        Task<string> Find(string s);
    }

    private static ForkingCluster Make(int? forks = null) =>
        new(new ExtensionContext("forking", "Demo", forks is null ? null : new Dictionary<string, string> { ["forks"] = forks.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

    [Test]
    public async Task InvokeAsync_FirstProviderFails_ReturnsSuccessOfAnotherFork()
    {
        using var logs = new RecordingLoggerFactory();
        var context = new FakeClusterContext(logs.CreateLogger("t"), null, "127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3");
        context.Fail("127.0.0.1:1");
        var result = await Make().InvokeAsync(FakeClusterContext.Invocation(typeof(IQuery), nameof(IQuery.Find), ["x"]), context).WithTimeout();
        Assert.That(result.Value, Is.EqualTo("127.0.0.1:2"));
        Assert.That(context.Attempts, Is.EquivalentTo(new[] { "127.0.0.1:1", "127.0.0.1:2" }));
    }

    [Test]
    public async Task InvokeAsync_AllForksFail_ReturnsAFailureAfterForksAttempts()
    {
        using var logs = new RecordingLoggerFactory();
        var context = new FakeClusterContext(logs.CreateLogger("t"), null, "127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3");
        context.Fail("127.0.0.1:1");
        context.Fail("127.0.0.1:2");
        var result = await Make(2).InvokeAsync(FakeClusterContext.Invocation(typeof(IQuery), nameof(IQuery.Find), ["x"]), context).WithTimeout();
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Exception, Is.TypeOf<RpcException>().With.Message.StartsWith("scripted failure of 127.0.0.1:"));
        Assert.That(context.Attempts, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task InvokeAsync_MoreForksThanProviders_AttemptsEachProviderOnce()
    {
        using var logs = new RecordingLoggerFactory();
        var context = new FakeClusterContext(logs.CreateLogger("t"), null, "127.0.0.1:1", "127.0.0.1:2");
        context.Fail("127.0.0.1:1");
        context.Fail("127.0.0.1:2");
        var result = await Make(5).InvokeAsync(FakeClusterContext.Invocation(typeof(IQuery), nameof(IQuery.Find), ["x"]), context).WithTimeout();
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(context.Attempts, Is.EquivalentTo(new[] { "127.0.0.1:1", "127.0.0.1:2" }));
    }

    [Test]
    public void Ctor_ForksZero_RefusedNamingTheSetting()
    {
        var error = Assert.Throws<RpcException>(() => Make(0));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain("Forks").IgnoreCase);
    }
}
