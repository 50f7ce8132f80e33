using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bhrpc.Extensions;
using Bhrpc.Registry;
using Bhrpc.Registry.ZooKeeper;
using Bhrpc.Registry.ZooKeeper.Client;
using Bhrpc.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bhrpc.Tests.Registry.ZooKeeper;

/// <summary>The registry against the shared ZooKeeper: layout, discovery and push watches.</summary>
public class ZooKeeperRegistryTests : ZooKeeperTestBase
{
    private static readonly TimeSpan s_pushWithin = TimeSpan.FromSeconds(1);

    [Test]
    public async Task RegisterAsync_Instance_EphemeralNodeWithCuratorJsonUnderRootAndKey()
    {
        var provider = CreateRegistry();
        var instance = NewInstance(NewServiceName(), 27880, weight: 7);
        var observer = await ConnectClientAsync();

        await provider.RegisterAsync(instance).WithTimeout();

        var servicePath = $"{Root}/{instance.ServiceKey}";
        var node = await observer.GetDataAsync($"{servicePath}/{instance.Id}").WithTimeout();
        var service = await observer.GetDataAsync(servicePath).WithTimeout();
        var root = await observer.GetDataAsync(Root).WithTimeout();
        Assert.That(node.Data, Is.EqualTo(CuratorInstanceJson.Write(instance)), "exactly the Curator JSON");
        Assert.That(node.Stat.EphemeralOwner, Is.EqualTo(provider.Client.SessionId).And.Not.Zero, "ephemeral, owned by the provider's session");
        Assert.That(service.Data, Is.Empty, "the service node is empty");
        Assert.That(service.Stat.EphemeralOwner, Is.Zero, "the service node is persistent");
        Assert.That(root.Data, Is.Empty);
        Assert.That(root.Stat.EphemeralOwner, Is.Zero, "the root is persistent");
    }

    [Test]
    public async Task RegisterAsync_Instance_ZkCliReadsTheJsonAndAnEphemeralOwner()
    {
        ZooKeeperTestEnvironment.RequireInstalled();
        var provider = CreateRegistry();
        var instance = NewInstance(NewServiceName(), 27881, weight: 3);
        await provider.RegisterAsync(instance).WithTimeout();
        var path = $"{Root}/{instance.ServiceKey}/{instance.Id}";

        var output = await RunZkCliAsync("get", "-s", path);

        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        var json = lines.FirstOrDefault(l => l.StartsWith("{\"name\"", StringComparison.Ordinal));
        Assert.That(json, Is.Not.Null, output);
        using var document = JsonDocument.Parse(json!);
        var top = document.RootElement;
        Assert.That(top.GetProperty("name").GetString(), Is.EqualTo(instance.ServiceKey));
        Assert.That(top.GetProperty("id").GetString(), Is.EqualTo(instance.Id));
        Assert.That(top.GetProperty("port").GetInt32(), Is.EqualTo(27881));
        Assert.That(top.GetProperty("serviceType").GetString(), Is.EqualTo("DYNAMIC"));
        var payload = top.GetProperty("payload");
        Assert.That(payload.GetProperty("@class").GetString(), Is.EqualTo("io.binghe.rpc.protocol.meta.ServiceMeta"));
        Assert.That(payload.GetProperty("serviceName").GetString(), Is.EqualTo(instance.ServiceName));
        Assert.That(payload.GetProperty("serviceGroup").GetString(), Is.EqualTo("binghe"));
        Assert.That(payload.GetProperty("weight").GetInt32(), Is.EqualTo(3));

        var owner = lines.FirstOrDefault(l => l.StartsWith("ephemeralOwner = ", StringComparison.Ordinal));
        Assert.That(owner, Is.Not.Null, output);
        var ownerId = long.Parse(owner!["ephemeralOwner = 0x".Length..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.That(ownerId, Is.EqualTo(provider.Client.SessionId).And.Not.Zero);
    }

    [Test]
    public async Task RegisterAsync_RootNotConfigured_UsesBingheRpc()
    {
        var serviceName = NewServiceName();
        var instance = NewInstance(serviceName, 27882);
        CleanUpAfterTest($"{RegistryOptions.DefaultRoot}/{instance.ServiceKey}");
        CleanUpIfEmptyAfterTest(RegistryOptions.DefaultRoot);
        var provider = CreateRegistry(o => o.Root = new RegistryOptions().Root);
        var observer = await ConnectClientAsync();

        await provider.RegisterAsync(instance).WithTimeout();

        Assert.That(provider.Description, Is.EqualTo($"zookeeper://{Address}/binghe_rpc"));
        Assert.That(await observer.ExistsAsync($"/binghe_rpc/{instance.ServiceKey}/{instance.Id}").WithTimeout(), Is.Not.Null);
    }

    [Test]
    public void Description_AddressAndRoot()
    {
        var registry = CreateRegistry();

        Assert.That(registry.Description, Is.EqualTo($"zookeeper://{Address}{Root}"));
    }

    [Test]
    public async Task DiscoverAsync_InstancesRegisteredThroughAnotherSession_FindsThem()
    {
        var provider = CreateRegistry();
        var consumer = CreateRegistry();
        var serviceName = NewServiceName();
        var a = NewInstance(serviceName, 27880, weight: 5);
        var b = NewInstance(serviceName, 27881);
        await provider.RegisterAsync(a).WithTimeout();
        await provider.RegisterAsync(b).WithTimeout();

        var found = await consumer.DiscoverAsync(a.ServiceKey).WithTimeout();

        Assert.That(consumer.Client.SessionId, Is.Not.EqualTo(provider.Client.SessionId), "another session");
        Assert.That(found, Is.EquivalentTo(new[] { a, b }));
    }

    [Test]
    public async Task DiscoverAsync_ServiceNeverRegistered_Empty()
    {
        var consumer = CreateRegistry();

        Assert.That(await consumer.DiscoverAsync(NewServiceName() + "#1.0.0#g").WithTimeout(), Is.Empty);
    }

    [Test]
    public async Task DeregisterAsync_RegisteredInstance_RemovesTheNode()
    {
        var provider = CreateRegistry();
        var consumer = CreateRegistry();
        var instance = NewInstance(NewServiceName(), 27880);
        await provider.RegisterAsync(instance).WithTimeout();

        await provider.DeregisterAsync(instance).WithTimeout();

        Assert.That(await consumer.DiscoverAsync(instance.ServiceKey).WithTimeout(), Is.Empty);
        await provider.DeregisterAsync(instance).WithTimeout();
    }

    [Test]
    public async Task RegisterAsync_SameInstanceTwice_OneNodeWithTheLatestValue()
    {
        var provider = CreateRegistry();
        var observer = await ConnectClientAsync();
        var instance = NewInstance(NewServiceName(), 27880, weight: 1);
        var reweighted = instance with { Weight = 9 };

        await provider.RegisterAsync(instance).WithTimeout();
        await provider.RegisterAsync(reweighted).WithTimeout();

        var servicePath = $"{Root}/{instance.ServiceKey}";
        Assert.That(await observer.GetChildrenAsync(servicePath).WithTimeout(), Is.EqualTo(new[] { instance.Id }));
        Assert.That((await observer.GetDataAsync($"{servicePath}/{instance.Id}").WithTimeout()).Data, Is.EqualTo(CuratorInstanceJson.Write(reweighted)));
    }

    [Test]
    public async Task DiscoverAsync_NodeWithGarbage_SkipsItAndReturnsTheOthers()
    {
        var provider = CreateRegistry();
        var consumer = CreateRegistry();
        var writer = await ConnectClientAsync();
        var instance = NewInstance(NewServiceName(), 27880);
        await provider.RegisterAsync(instance).WithTimeout();
        var servicePath = $"{Root}/{instance.ServiceKey}";
        await writer.CreateAsync($"{servicePath}/garbage", "not json {"u8.ToArray(), ZooKeeperCreateMode.Persistent).WithTimeout();
        await writer.CreateAsync($"{servicePath}/empty", Array.Empty<byte>(), ZooKeeperCreateMode.Persistent).WithTimeout();

        var found = await consumer.DiscoverAsync(instance.ServiceKey).WithTimeout();

        Assert.That(found, Is.EqualTo(new[] { instance }));
    }

    [Test]
    public async Task DisposeAsync_Provider_ItsNodesAreGoneAtOnce()
    {
        var provider = CreateRegistry();
        var consumer = CreateRegistry();
        var instance = NewInstance(NewServiceName(), 27880);
        await provider.RegisterAsync(instance).WithTimeout();

        await provider.DisposeAsync().AsTask().WithTimeout();

        Assert.That(await consumer.DiscoverAsync(instance.ServiceKey).WithTimeout(), Is.Empty);
        Assert.ThrowsAsync<ObjectDisposedException>(() => provider.DiscoverAsync(instance.ServiceKey).AsTask().WithTimeout());
    }

    [Test]
    public async Task WatchAsync_ProviderAppearsThenDisappears_PushedWithinOneSecond()
    {
        var consumer = CreateRegistry();
        var provider = CreateRegistry();
        var serviceName = NewServiceName();
        var first = NewInstance(serviceName, 27880);
        var second = NewInstance(serviceName, 27881);
        var recorder = new WatchRecorder();

        // Nothing exists yet, not even the root: the watch waits for the service node to appear.
        await using var watch = await consumer.WatchAsync(first.ServiceKey, recorder.OnChange).WithTimeout();
        Assert.That(recorder.Calls, Has.Count.EqualTo(1).And.All.Empty, "the first list is pushed before WatchAsync returns");

        await provider.RegisterAsync(first).WithTimeout();
        Assert.That(await recorder.WaitForIdsAsync(s_pushWithin, first.Id), Is.LessThan(s_pushWithin));
        await provider.RegisterAsync(second).WithTimeout();
        await recorder.WaitForIdsAsync(s_pushWithin, first.Id, second.Id);
        await provider.DeregisterAsync(first).WithTimeout();
        await recorder.WaitForIdsAsync(s_pushWithin, second.Id);
        await provider.DeregisterAsync(second).WithTimeout();
        await recorder.WaitForIdsAsync(s_pushWithin);

        Assert.That(recorder.Calls[^1], Is.Empty);
        Assert.That(recorder.Overlapped, Is.False, "callbacks of one watch never overlap");
        Assert.That(recorder.Calls.Skip(1).Select(l => l.Count), Is.EqualTo(new[] { 1, 2, 1, 0 }), "a call per change, none for nothing");
    }

    [Test]
    public async Task Watch_TriggeredBeforeItStarted_StartsAndPushesTheList()
    {
        // The registry triggers every watch it holds when its session connects, and a watch is held
        // from just before its first read: a session connecting then must not fail the first read.
        var registry = CreateRegistry();
        var instance = NewInstance(NewServiceName(), 27880);
        await registry.RegisterAsync(instance).WithTimeout();
        var recorder = new WatchRecorder();
        var servicePath = $"{Root}/{instance.ServiceKey}";
        var watch = new ZooKeeperServiceWatch(registry, instance.ServiceKey, servicePath, recorder.OnChange, NullLogger.Instance);

        watch.Trigger();
        await watch.StartAsync(CancellationToken.None).WithTimeout();

        Assert.That(recorder.Calls, Has.Count.EqualTo(1));
        Assert.That(recorder.Calls[0].Select(i => i.Id), Is.EqualTo(new[] { instance.Id }));
        await watch.DisposeAsync();
    }

    [Test]
    public async Task WatchAsync_ManyAtOnceOnARegistryNotYetConnected_AllStart()
    {
        var provider = CreateRegistry();
        var instance = NewInstance(NewServiceName(), 27880);
        await provider.RegisterAsync(instance).WithTimeout();

        for (var round = 0; round < 5; round++)
        {
            // A new registry connects on its first use: the watches below race its first session.
            var consumer = CreateRegistry();
            var recorders = Enumerable.Range(0, 8).Select(_ => new WatchRecorder()).ToArray();
            var watches = await Task.WhenAll(recorders.Select(r => consumer.WatchAsync(instance.ServiceKey, r.OnChange).AsTask())).WithTimeout();

            Assert.That(recorders.Select(r => r.Calls[0].Single().Id), Is.All.EqualTo(instance.Id));
            foreach (var watch in watches)
            {
                await watch.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task WatchAsync_Disposed_NoMoreCallbacks()
    {
        var consumer = CreateRegistry();
        var provider = CreateRegistry();
        var other = CreateRegistry();
        var serviceName = NewServiceName();
        var first = NewInstance(serviceName, 27880);
        var recorder = new WatchRecorder();
        var control = new WatchRecorder();
        var watch = await consumer.WatchAsync(first.ServiceKey, recorder.OnChange).WithTimeout();
        await using var controlWatch = await other.WatchAsync(first.ServiceKey, control.OnChange).WithTimeout();

        await watch.DisposeAsync().AsTask().WithTimeout();
        await provider.RegisterAsync(first).WithTimeout();

        // The control watch sees the provider, so the disposed one would have by now too.
        await control.WaitForIdsAsync(s_pushWithin, first.Id);
        Assert.That(recorder.Count, Is.EqualTo(1));
    }

    [Test]
    public void Create_ThroughExtensionLoader_NamedZookeeper()
    {
        var factory = ExtensionLoader.Shared.Create<IRegistryFactory>("zookeeper");

        Assert.That(factory, Is.InstanceOf<ZooKeeperRegistryFactory>());
    }

    [Test]
    public void Create_AddressNotHostPort_FailsNamingTheSetting()
    {
        var error = Assert.Throws<RpcException>(() => new ZooKeeperRegistryFactory().Create(new RegistryOptions { Type = "zookeeper", Address = "no-port" }));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain("RegistryOptions.Address"));
    }

    [Test]
    public async Task DiscoverAsync_NoServerAtAddress_FailsWithinConnectTimeoutNamingTheAddress()
    {
        var dead = $"127.0.0.1:{ZooKeeperClientTests.DeadPort()}";
        var registry = CreateRegistry(o =>
        {
            o.Address = dead;
            o.ConnectTimeout = TimeSpan.FromSeconds(1);
        });
        var started = Stopwatch.GetTimestamp();

        var error = Assert.ThrowsAsync<RpcException>(() => registry.DiscoverAsync("a#1.0.0#g").AsTask().WithTimeout());

        Assert.That(Stopwatch.GetElapsedTime(started), Is.LessThan(TimeSpan.FromSeconds(2.5)));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.ConnectionClosed));
        Assert.That(error.Message, Does.Contain(dead));
        Assert.ThrowsAsync<RpcException>(() => registry.RegisterAsync(NewInstance("a", 1)).AsTask().WithTimeout(), "start-up failure is final");
    }

    [Test]
    public async Task RegisterAsync_FirstServerOfTheListDead_UsesTheSecond()
    {
        var provider = CreateRegistry(o => o.Address = $"127.0.0.1:{ZooKeeperClientTests.DeadPort()},{Address}");
        var consumer = CreateRegistry();
        var instance = NewInstance(NewServiceName(), 27880);

        await provider.RegisterAsync(instance).WithTimeout();

        Assert.That(await consumer.DiscoverAsync(instance.ServiceKey).WithTimeout(), Is.EqualTo(new[] { instance }));
    }

    private async Task<string> RunZkCliAsync(params string[] command)
    {
        var start = new ProcessStartInfo(ZooKeeperTestEnvironment.CliScript)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-server");
        start.ArgumentList.Add(Address);
        foreach (var part in command)
        {
            start.ArgumentList.Add(part);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(process.ExitCode, Is.Zero, await errors);
        return new StringBuilder(await output).Replace("\r", string.Empty).ToString();
    }
}
