using Bhrpc.Cluster.Broadcast;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Cluster.Broadcast;

public sealed class BroadcastClusterTests
{
    public interface INotify
    {
        Task<string> Evict(string s);
    }

    [Test]
    public async Task InvokeAsync_OneProviderFails_FailsNamingItAfterCallingAll()
    {
        using var logs = new RecordingLoggerFactory();
        var context = new FakeClusterContext(logs.CreateLogger("t"), null, "127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3");
        context.Fail("127.0.0.1:2", RpcStatusCode.RemoteError);
        var result = await new BroadcastCluster().InvokeAsync(FakeClusterContext.Invocation(typeof(INotify), nameof(INotify.Evict), ["x"]), context).WithTimeout();
        Assert.That(result.Exception, Is.TypeOf<RpcException>().With.Message.Contains("at 127.0.0.1:2"));
        Assert.That(((RpcException)result.Exception!).StatusCode, Is.EqualTo(RpcStatusCode.RemoteError));
        Assert.That(context.Attempts, Is.EquivalentTo(new[] { "127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3" }));
    }

    [Test]
    public async Task InvokeAsync_AllSucceed_ReturnsLastProvidersValue()
    {
        using var logs = new RecordingLoggerFactory();
        var context = new FakeClusterContext(logs.CreateLogger("t"), null, "127.0.0.1:1", "127.0.0.1:2");
        var result = await new BroadcastCluster().InvokeAsync(FakeClusterContext.Invocation(typeof(INotify), nameof(INotify.Evict), ["x"]), context).WithTimeout();
        Assert.That(result.Value, Is.EqualTo("127.0.0.1:2"));
        Assert.That(context.Attempts, Has.Count.EqualTo(2));
    }
}
