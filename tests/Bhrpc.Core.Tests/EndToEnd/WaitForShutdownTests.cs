using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.EndToEnd;

/// <summary><see cref="RpcServer.WaitForShutdownAsync"/> in process: a cancelled token or a stop from elsewhere ends the wait, and the server is stopped when it returns.</summary>
public sealed class WaitForShutdownTests
{
    [Test]
    public async Task TokenCancelled_StopsTheServerAndReturns()
    {
        await using var harness = await Harness.StartAsync();
        using var stop = new CancellationTokenSource();

        var waiting = harness.Server.WaitForShutdownAsync(stop.Token);
        Assert.That(harness.Proxy().Add(1, 2), Is.EqualTo(3), "still serving while it waits");
        Assert.That(waiting.IsCompleted, Is.False);
        await stop.CancelAsync();
        await waiting.WithTimeout();

        Assert.That(harness.Server.Registrations, Is.Empty, "deregistered");
        Assert.That(Directory.GetFiles(harness.RegistryFolder, "*.json", SearchOption.AllDirectories), Is.Empty);
        Assert.That(harness.Server.ConnectionCount, Is.Zero, "stopped");
    }

    [Test]
    public async Task ServerStoppedElsewhere_TheWaitReturns()
    {
        await using var harness = await Harness.StartAsync();

        var waiting = harness.Server.WaitForShutdownAsync();
        await harness.Server.StopAsync().WithTimeout();

        await waiting.WithTimeout();
        Assert.That(harness.Server.Registrations, Is.Empty);
    }

    [Test]
    public async Task NotStarted_ThrowsSayingToStartFirst()
    {
        await using var server = new RpcServerBuilder().Listen("127.0.0.1", 0).AddService<ICalculator>(new Calculator()).Build();

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => server.WaitForShutdownAsync().WithTimeout());
        Assert.That(error!.Message, Does.Contain("StartAsync"));
    }
}
