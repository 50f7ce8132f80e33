using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Bhrpc.Extensions;
using Bhrpc.Internal;
using Bhrpc.Registry;
using Bhrpc.Registry.Etcd;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Registry.Etcd;

/// <summary>The etcd registry against the shared etcd 3.4 that <c>./test.sh</c> starts; each test under its own root.</summary>
public class EtcdRegistryTests
{
    private const string DemoKey = "io.binghe.rpc.test.api.DemoService#1.0.0#binghe";
    private static readonly TimeSpan s_pushTime = TimeSpan.FromSeconds(1);

    private readonly List<EtcdRegistry> _registries = [];
    private readonly List<IAsyncDisposable> _watches = [];
    private string _root = null!;

    [SetUp]
    public void SetUp() => _root = EtcdTestEnvironment.UniqueRoot();

    /// <summary>The shared etcd; a test that reads this is skipped (or fails under CI) without it.</summary>
    private static string SharedAddress => EtcdTestEnvironment.SharedAddress;

    [TearDown]
    public async Task TearDown()
    {
        foreach (var watch in _watches)
        {
            await watch.DisposeAsync().AsTask().WithTimeout();
        }

        foreach (var registry in _registries)
        {
            await registry.DisposeAsync().AsTask().WithTimeout();
        }
    }

    [Test]
    public void ExtensionLoader_NameEtcd_MakesEtcdRegistryFactory()
        => Assert.That(new ExtensionLoader(new ExtensionLoaderOptions()).Create<IRegistryFactory>("etcd"), Is.InstanceOf<EtcdRegistryFactory>());

    [Test]
    public void Description_AddressAndRoot_IsEtcdUrl()
        => Assert.That(Create(address: "127.0.0.1:2379,10.0.0.9:2379").Description, Is.EqualTo($"etcd://127.0.0.1:2379,10.0.0.9:2379{_root}"));

    [Test]
    public async Task RegisterAsync_Instance_PutsCuratorJsonAtRootServiceKeyIdBoundToLease()
    {
        var provider = Create();
        var instance = Instance("10.0.0.1", 27880);

        await provider.RegisterAsync(instance).WithTimeout();

        var range = await Client().RangeAsync(_root + "/", CancellationToken.None).WithTimeout();
        Assert.That(range.KeyValues, Has.Count.EqualTo(1));
        Assert.That(range.KeyValues[0].Key, Is.EqualTo($"{_root}/{DemoKey}/{instance.Id}"));
        Assert.That(range.KeyValues[0].Value, Is.EqualTo(CuratorInstanceJson.Write(instance)));
        Assert.That(range.KeyValues[0].Lease, Is.Not.Zero.And.EqualTo(provider.LeaseId));

        // The same seen by etcd's own client.
        using var json = JsonDocument.Parse(await EtcdTestEnvironment.EtcdctlAsync(SharedAddress, "get", "--prefix", _root, "-w", "json").WithTimeout());
        var kv = json.RootElement.GetProperty("kvs")[0];
        Assert.That(Encoding.UTF8.GetString(kv.GetProperty("key").GetBytesFromBase64()), Is.EqualTo($"{_root}/{DemoKey}/{instance.Id}"));
        Assert.That(kv.GetProperty("value").GetBytesFromBase64(), Is.EqualTo(CuratorInstanceJson.Write(instance)));
        Assert.That(kv.GetProperty("lease").GetInt64(), Is.Not.Zero);
    }

    [Test]
    public async Task DiscoverAsync_InstancesRegisteredThroughAnotherRegistry_FindsThem()
    {
        var provider = Create();
        var consumer = Create();
        var first = Instance("10.0.0.1", 1);
        var second = Instance("10.0.0.2", 2);
        await provider.RegisterAsync(first).WithTimeout();
        await provider.RegisterAsync(second).WithTimeout();

        var found = await consumer.DiscoverAsync(DemoKey).WithTimeout();

        Assert.That(found, Is.EquivalentTo(new[] { first, second }));
        Assert.That(await consumer.DiscoverAsync("io.binghe.rpc.test.api.Other#1.0.0#binghe").WithTimeout(), Is.Empty);
    }

    [Test]
    public async Task DeregisterAsync_RegisteredInstance_RemovesOnlyItsKey()
    {
        var provider = Create();
        var consumer = Create();
        var kept = Instance("10.0.0.1", 1);
        var removed = Instance("10.0.0.2", 2);
        await provider.RegisterAsync(kept).WithTimeout();
        await provider.RegisterAsync(removed).WithTimeout();

        await provider.DeregisterAsync(removed).WithTimeout();

        Assert.That(await consumer.DiscoverAsync(DemoKey).WithTimeout(), Is.EqualTo(new[] { kept }));
        var range = await Client().RangeAsync(_root + "/", CancellationToken.None).WithTimeout();
        Assert.That(range.KeyValues.Select(kv => kv.Key), Is.EqualTo(new[] { $"{_root}/{DemoKey}/{kept.Id}" }));
    }

    [Test]
    public async Task RegisterAsync_SameInstanceTwice_KeepsOneKey()
    {
        var provider = Create();
        var instance = Instance("10.0.0.1", 1);

        await provider.RegisterAsync(instance).WithTimeout();
        await provider.RegisterAsync(instance).WithTimeout();

        var range = await Client().RangeAsync(_root + "/", CancellationToken.None).WithTimeout();
        Assert.That(range.KeyValues, Has.Count.EqualTo(1));
        Assert.That(await Create().DiscoverAsync(DemoKey).WithTimeout(), Is.EqualTo(new[] { instance }));
    }

    [Test]
    public async Task DiscoverAsync_MalformedValueUnderPrefix_SkipsItWithWarning()
    {
        var logs = new RecordingLoggerFactory();
        var provider = Create();
        var consumer = Create(logs: logs);
        var instance = Instance("10.0.0.1", 1);
        await provider.RegisterAsync(instance).WithTimeout();
        await Client().PutAsync($"{_root}/{DemoKey}/garbage", "not json {"u8.ToArray(), 0, CancellationToken.None).WithTimeout();

        var found = await consumer.DiscoverAsync(DemoKey).WithTimeout();

        Assert.That(found, Is.EqualTo(new[] { instance }));
        Assert.That(
            logs.Entries.Where(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning).Select(e => e.Message),
            Has.One.Contains($"{_root}/{DemoKey}/garbage"));
    }

    [Test]
    public async Task WatchAsync_ProviderAppearsAndDisappears_PushesEachWithinOneSecond()
    {
        var provider = Create();
        var consumer = Create();
        var recorder = new InstanceListRecorder();
        var instance = Instance("10.0.0.1", 1);

        _watches.Add(await consumer.WatchAsync(DemoKey, recorder.OnChange).WithTimeout());
        Assert.That(recorder.Lists, Is.EqualTo(new[] { Array.Empty<ServiceInstance>() }), "the current (empty) list is pushed before WatchAsync returns");

        await provider.RegisterAsync(instance).WithTimeout();
        await recorder.WaitForAsync(l => l.SequenceEqual([instance]), s_pushTime, "the new provider");

        await provider.DeregisterAsync(instance).WithTimeout();
        await recorder.WaitForAsync(l => l.Count == 0, s_pushTime, "the provider gone");

        // A garbage value under the prefix changes nothing a consumer sees: nothing is pushed for it.
        await Client().PutAsync($"{_root}/{DemoKey}/garbage", "[]"u8.ToArray(), 0, CancellationToken.None).WithTimeout();
        await provider.RegisterAsync(instance).WithTimeout();
        await recorder.WaitForAsync(l => l.SequenceEqual([instance]), s_pushTime, "the provider back");
        Assert.That(recorder.Count, Is.EqualTo(4), "one push per change of the list");
        Assert.That(recorder.Overlaps, Is.Zero, "callbacks never overlap");
    }

    [Test]
    public async Task WatchAsync_QuietLongerThanConnectTimeout_StreamStaysOpen()
    {
        var logs = new RecordingLoggerFactory();
        var consumer = Create(connectTimeout: TimeSpan.FromSeconds(1), logs: logs);
        var recorder = new InstanceListRecorder();
        _watches.Add(await consumer.WatchAsync(DemoKey, recorder.OnChange).WithTimeout());

        // The time passing is the point: the per-call timeout must not end a quiet watch stream.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await Create().RegisterAsync(Instance("10.0.0.1", 1)).WithTimeout();

        await recorder.WaitForAsync(l => l.Count == 1, s_pushTime, "the provider");
        Assert.That(logs.Count(LogEventIds.Etcd + 5), Is.Zero, "the watch never failed");
    }

    [Test]
    public async Task WatchAsync_Disposed_PushesNothingMore()
    {
        var provider = Create();
        var recorder = new InstanceListRecorder();
        var watch = await Create().WatchAsync(DemoKey, recorder.OnChange).WithTimeout();

        await watch.DisposeAsync().AsTask().WithTimeout();
        await provider.RegisterAsync(Instance("10.0.0.1", 1)).WithTimeout();

        // The other watch proves the change was published; the disposed one must stay silent.
        var control = new InstanceListRecorder();
        _watches.Add(await Create().WatchAsync(DemoKey, control.OnChange).WithTimeout());
        await control.WaitForAsync(l => l.Count == 1, s_pushTime, "the provider");
        Assert.That(recorder.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task DisposeAsync_Provider_RevokesLeaseSoInstancesVanishAtOnce()
    {
        var provider = Create();
        var recorder = new InstanceListRecorder();
        await provider.RegisterAsync(Instance("10.0.0.1", 1)).WithTimeout();
        _watches.Add(await Create().WatchAsync(DemoKey, recorder.OnChange).WithTimeout());
        await recorder.WaitForAsync(l => l.Count == 1, s_pushTime, "the provider");

        await provider.DisposeAsync().AsTask().WithTimeout();

        await recorder.WaitForAsync(l => l.Count == 0, s_pushTime, "the provider gone (well before the 10 s lease TTL)");
    }

    [Test]
    public async Task AbandonAsync_KilledProvider_VanishesWhenLeaseTtlRunsOut()
    {
        var ttl = TimeSpan.FromSeconds(2);
        var provider = Create(sessionTimeout: ttl);
        var recorder = new InstanceListRecorder();
        await provider.RegisterAsync(Instance("10.0.0.1", 1)).WithTimeout();
        _watches.Add(await Create().WatchAsync(DemoKey, recorder.OnChange).WithTimeout());
        await recorder.WaitForAsync(l => l.Count == 1, s_pushTime, "the provider");

        var clock = Stopwatch.StartNew();
        await provider.AbandonAsync().AsTask().WithTimeout();
        await recorder.WaitForAsync(l => l.Count == 0, ttl + TimeSpan.FromSeconds(2), "the provider gone once its lease ran out");

        // The last keep-alive was at most a third of the TTL before: the key outlived the provider by the rest.
        Assert.That(clock.Elapsed, Is.GreaterThan(ttl / 2), "the lease was not revoked, it expired");
    }

    [Test]
    public async Task LeaseRevokedBehindRegistrysBack_GrantsNewLeaseAndRegistersAgain()
    {
        var logs = new RecordingLoggerFactory();
        var provider = Create(sessionTimeout: TimeSpan.FromSeconds(2), logs: logs);
        var instance = Instance("10.0.0.1", 1);
        var recorder = new InstanceListRecorder();
        await provider.RegisterAsync(instance).WithTimeout();
        _watches.Add(await Create().WatchAsync(DemoKey, recorder.OnChange).WithTimeout());
        var lost = provider.LeaseId;

        await Client().RevokeLeaseAsync(lost, CancellationToken.None).WithTimeout();

        await recorder.WaitForAsync(l => l.Count == 0, s_pushTime, "the provider gone with its lease");
        await recorder.WaitForAsync(l => l.SequenceEqual([instance]), TimeSpan.FromSeconds(3), "the provider registered again");
        Assert.That(provider.LeaseId, Is.Not.Zero.And.Not.EqualTo(lost));
        var range = await Client().RangeAsync(_root + "/", CancellationToken.None).WithTimeout();
        Assert.That(range.KeyValues.Single().Lease, Is.EqualTo(provider.LeaseId));
        Assert.That(logs.Count(LogEventIds.Etcd + 1), Is.EqualTo(1), "the lost lease is logged");
    }

    [Test]
    public async Task RegisterAsync_UnreachableAddress_FailsWithinConnectTimeoutNamingAddress()
    {
        var address = $"127.0.0.1:{EtcdTestEnvironment.FreePort()}";
        var provider = Create(address: address, connectTimeout: TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var error = Assert.ThrowsAsync<RpcException>(() => provider.RegisterAsync(Instance("10.0.0.1", 1)).AsTask().WithTimeout());

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)), "retried for the connect timeout");
        Assert.That(error!.Message, Does.Contain(address).And.Contain("RegistryOptions.Address"));
        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.ConnectionClosed));
    }

    [Test]
    public async Task DiscoverAsync_UnreachableAddress_FailsWithinConnectTimeoutNamingAddress()
    {
        var address = $"127.0.0.1:{EtcdTestEnvironment.FreePort()}";
        var consumer = Create(address: address, connectTimeout: TimeSpan.FromSeconds(1));

        var error = Assert.ThrowsAsync<RpcException>(() => consumer.DiscoverAsync(DemoKey).AsTask().WithTimeout());
        var watchError = Assert.ThrowsAsync<RpcException>(() => consumer.WatchAsync(DemoKey, _ => { }).AsTask().WithTimeout());

        Assert.That(error!.Message, Does.Contain(address));
        Assert.That(watchError!.Message, Does.Contain(address));
    }

    [Test]
    public async Task Registry_FirstAddressDead_UsesTheNextOne()
    {
        var dead = $"127.0.0.1:{EtcdTestEnvironment.FreePort()}";
        var provider = Create(address: $"{dead},{SharedAddress}");
        var consumer = Create(address: $"{dead},{SharedAddress}");
        var recorder = new InstanceListRecorder();
        var instance = Instance("10.0.0.1", 1);
        _watches.Add(await consumer.WatchAsync(DemoKey, recorder.OnChange).WithTimeout());

        await provider.RegisterAsync(instance).WithTimeout();

        Assert.That(await consumer.DiscoverAsync(DemoKey).WithTimeout(), Is.EqualTo(new[] { instance }));
        await recorder.WaitForAsync(l => l.Count == 1, s_pushTime, "the provider");
    }

    internal static ServiceInstance Instance(string host, int port)
        => new("io.binghe.rpc.test.api.DemoService", "1.0.0", "binghe", host, port, 2, Guid.NewGuid().ToString(), DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));

    private EtcdRegistry Create(string? address = null, TimeSpan? sessionTimeout = null, TimeSpan? connectTimeout = null, RecordingLoggerFactory? logs = null)
    {
        var options = new RegistryOptions
        {
            Type = "etcd",
            Address = address ?? SharedAddress,
            Root = _root,
            SessionTimeout = sessionTimeout ?? TimeSpan.FromSeconds(10),
            ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(5),
            LoggerFactory = logs,
        };
        var registry = (EtcdRegistry)new EtcdRegistryFactory().Create(options);
        _registries.Add(registry);
        return registry;
    }

    /// <summary>A client of the shared etcd, for changes behind the registries' backs.</summary>
    private EtcdClient Client() => Create().Client;
}
