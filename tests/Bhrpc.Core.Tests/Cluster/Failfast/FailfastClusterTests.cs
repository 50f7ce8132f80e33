using Bhrpc.Tests.Infrastructure;
using Bhrpc.Tests.Pipeline;

namespace Bhrpc.Tests.Cluster.Failfast;

public sealed class FailfastClusterTests
{
    [Test]
    public async Task Call_FirstAddressRefusesConnection_FailsAfterOneAttempt()
    {
        await using var fixture = await PipelineFixture.StartAsync();
        var proxy = fixture.Proxy($"127.0.0.1:{PipelineFixture.ClosedPort()},{fixture.Live}", r => r.Cluster = "failfast");

        var error = Assert.ThrowsAsync<RpcException>(async () => await proxy.EchoAsync("x").WithTimeout())!;

        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.ConnectionClosed));
        Assert.That(fixture.Service.Calls, Is.Zero);
    }

    [Test]
    public async Task CreateProxy_FailfastWithRetries_IsRefusedSayingTheClusterMakesNoRetries()
    {
        await using var fixture = await PipelineFixture.StartAsync();

        var error = Assert.Throws<RpcException>(() => fixture.Proxy(fixture.Live, r =>
        {
            r.Cluster = "failfast";
            r.Methods.Add(new MethodOptions { Name = "EchoAsync", Retries = 1 });
        }))!;

        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain("Methods 'EchoAsync' Retries").And.Contain("'failfast' makes no retries"));
    }
}
