using System.Diagnostics;
using Bhrpc.Registry.ZooKeeper;
using Bhrpc.Registry.ZooKeeper.Client;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Registry.ZooKeeper;

/// <summary>The registry when sessions expire, providers die and the server restarts.</summary>
public class ZooKeeperRegistryRecoveryTests : ZooKeeperTestBase
{
    private static readonly TimeSpan s_pushWithin = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_recoverWithin = TimeSpan.FromSeconds(10);

    // The reconnect backoff tops out at 2 s; the rest is room for a restarted JVM on a loaded 2-core machine.
    private static readonly TimeSpan s_reconnectWithin = TimeSpan.FromSeconds(15);

    [Test]
    public async Task SessionExpired_Registry_RecreatesItsNodeInTheNewSessionAndItsWatchKeepsWorking()
    {
        var registry = CreateRegistry();
        var other = CreateRegistry();
        var observer = await ConnectClientAsync();
        var serviceName = NewServiceName();
        var own = NewInstance(serviceName, 27880);
        var later = NewInstance(serviceName, 27881);
        var recorder = new WatchRecorder();
        await registry.RegisterAsync(own).WithTimeout();
        await using var watch = await registry.WatchAsync(own.ServiceKey, recorder.OnChange).WithTimeout();
        var path = $"{Root}/{own.ServiceKey}/{own.Id}";
        var oldSession = registry.Client.SessionId;

        await ZooKeeperClientTests.ExpireSessionAsync(Address, registry.Client);

        // The node comes back, owned by the registry's new session.
        await PollAsync(async () => registry.Client.SessionId != oldSession
            && (await observer.ExistsAsync(path))?.EphemeralOwner == registry.Client.SessionId, s_recoverWithin, "the node re-created in a new session");
        Assert.That(registry.Client.SessionId, Is.Not.EqualTo(oldSession).And.Not.Zero);
        await recorder.WaitForIdsAsync(s_recoverWithin, own.Id);

        // The watch is armed in the new session.
        await other.RegisterAsync(later).WithTimeout();
        await recorder.WaitForIdsAsync(s_pushWithin, own.Id, later.Id);
        Assert.That(recorder.Overlapped, Is.False);
    }

    [Test]
    public async Task ProviderKilled_WithoutClosingItsSession_DisappearsFromWatcherAfterSessionTimeout()
    {
        var provider = CreateRegistry(o => o.SessionTimeout = TimeSpan.FromSeconds(2));
        var consumer = CreateRegistry();
        var instance = NewInstance(NewServiceName(), 27880);
        var recorder = new WatchRecorder();
        await provider.RegisterAsync(instance).WithTimeout();
        await using var watch = await consumer.WatchAsync(instance.ServiceKey, recorder.OnChange).WithTimeout();
        await recorder.WaitForIdsAsync(s_pushWithin, instance.Id);

        var killedAt = Stopwatch.GetTimestamp();
        provider.Kill();

        Assert.That(await consumer.DiscoverAsync(instance.ServiceKey).WithTimeout(), Is.EqualTo(new[] { instance }), "no close-session: the node outlives the connection");
        await recorder.WaitForIdsAsync(TimeSpan.FromSeconds(6));
        Assert.That(Stopwatch.GetElapsedTime(killedAt), Is.GreaterThan(TimeSpan.FromSeconds(1)), "removed by the session timeout");
    }

    [Test]
    public async Task ServerRestarted_ProviderStaysRegisteredAndWatcherRecovers()
    {
        await using var server = await ZooKeeperServerProcess.StartNewAsync().WaitAsync(TimeSpan.FromSeconds(40));
        var log = new RecordingLoggerFactory();
        var provider = CreateRegistry(o =>
        {
            o.Address = server.Address;
            o.LoggerFactory = log;
        });
        var consumer = CreateRegistry(o =>
        {
            o.Address = server.Address;
            o.LoggerFactory = log;
        });
        string Diagnostics() => $"client log:\n{log.Dump()}\nserver output (last lines):\n{server.OutputTail(40)}";
        var serviceName = NewServiceName();
        var first = NewInstance(serviceName, 27880);
        var second = NewInstance(serviceName, 27881);
        var recorder = new WatchRecorder();
        await provider.RegisterAsync(first).WithTimeout();
        await using var watch = await consumer.WatchAsync(first.ServiceKey, recorder.OnChange).WithTimeout();
        await recorder.WaitForIdsAsync(s_pushWithin, first.Id);

        await server.StopAsync().WaitAsync(TimeSpan.FromSeconds(15));
        await PollAsync(() => Task.FromResult(!provider.Client.IsConnected && !consumer.Client.IsConnected), s_recoverWithin, "both clients see the server gone", Diagnostics);
        var callsWhileDown = recorder.Count;
        await server.StartAsync().WaitAsync(TimeSpan.FromSeconds(40));
        await PollAsync(() => Task.FromResult(provider.Client.IsConnected && consumer.Client.IsConnected), s_reconnectWithin, "both clients reconnected", Diagnostics);

        Assert.That(await consumer.DiscoverAsync(first.ServiceKey).WithTimeout(), Is.EqualTo(new[] { first }), "the provider is registered after the restart");
        await provider.RegisterAsync(second).WithTimeout();
        await recorder.WaitForIdsAsync(s_pushWithin, first.Id, second.Id);
        await provider.DeregisterAsync(first).WithTimeout();
        await recorder.WaitForIdsAsync(s_pushWithin, second.Id);
        Assert.That(recorder.Calls.Take(callsWhileDown), Has.All.Not.Empty, "nothing was pushed while the server was down");
    }

    [Test]
    public async Task ServerRestarted_ClientResumesItsSessionAndItsWatchStillFires()
    {
        await using var server = await ZooKeeperServerProcess.StartNewAsync().WaitAsync(TimeSpan.FromSeconds(40));
        var client = await ConnectClientAsync(server.Address);
        var watcher = new SignalWatcher();
        await client.CreateAsync(Root, Array.Empty<byte>(), ZooKeeperCreateMode.Persistent).WithTimeout();
        await client.GetChildrenAsync(Root, watcher).WithTimeout();
        var session = client.SessionId;

        await server.StopAsync().WaitAsync(TimeSpan.FromSeconds(15));
        await PollAsync(() => Task.FromResult(!client.IsConnected), s_recoverWithin, "the client sees the server gone");
        await server.StartAsync().WaitAsync(TimeSpan.FromSeconds(40));
        var writer = await ConnectClientAsync(server.Address);
        await writer.CreateAsync(Root + "/child", Array.Empty<byte>(), ZooKeeperCreateMode.Persistent).WithTimeout();

        // The client re-set the watch when it reconnected; nobody read with a watcher again.
        var fired = await watcher.Fired.WaitAsync(s_recoverWithin);
        Assert.That(fired.Type, Is.EqualTo(ZooKeeperEventType.NodeChildrenChanged));
        Assert.That(client.SessionId, Is.EqualTo(session), "the session survived the restart");
        await ZooKeeperTrees.DeleteTreeAsync(writer, Root).WithTimeout();
    }

    private static async Task PollAsync(Func<Task<bool>> condition, TimeSpan within, string what, Func<string>? diagnostics = null)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition().WithTimeout())
        {
            if (Stopwatch.GetElapsedTime(started) > within)
            {
                Assert.Fail($"not true within {within.TotalSeconds:0.#} s: {what}{(diagnostics is null ? string.Empty : "\n" + diagnostics())}");
            }

            await Task.Delay(50);
        }
    }

    private sealed class SignalWatcher : IZooKeeperWatcher
    {
        private readonly TaskCompletionSource<ZooKeeperWatchedEvent> _fired = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ZooKeeperWatchedEvent> Fired => _fired.Task;

        public void Process(ZooKeeperWatchedEvent watchedEvent) => _fired.TrySetResult(watchedEvent);
    }
}
