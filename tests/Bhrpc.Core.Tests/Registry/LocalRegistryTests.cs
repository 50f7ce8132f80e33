using System.Text;
using Bhrpc.Extensions;
using Bhrpc.Registry;
using Bhrpc.Registry.Local;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Registry;

public class LocalRegistryTests
{
    private const string DemoKey = "io.binghe.rpc.test.api.DemoService#1.0.0#binghe";
    private static readonly TimeSpan s_heartbeat = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_cache = TimeSpan.FromMilliseconds(500);

    private readonly List<LocalRegistry> _registries = [];
    private TempFolder _folder = null!;
    private ManualTimeProvider _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new TempFolder();
        _clock = new ManualTimeProvider();
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var registry in _registries)
        {
            await registry.DisposeAsync().WithTimeout();
        }

        _folder.Dispose();
    }

    [Test]
    public async Task DiscoverAsync_InstanceRegisteredThroughAnotherRegistry_FindsIt()
    {
        var provider = Create();
        var consumer = Create();
        var instance = Instance("10.0.0.1", 27880);

        await provider.RegisterAsync(instance).WithTimeout();
        var found = await consumer.DiscoverAsync(DemoKey).WithTimeout();

        Assert.That(found, Is.EqualTo(new[] { instance }));
        Assert.That(Directory.GetFiles(_folder.Path, "*.tmp", SearchOption.AllDirectories), Is.Empty, "no temporary file is left behind");
    }

    [Test]
    public async Task DiscoverAsync_FileWrittenByAnotherProcess_FindsIt()
    {
        // What Java bhrpc or another bhrpc.NET process leaves in the folder: the layout is the contract.
        const string json = """{"name":"io.binghe.rpc.test.api.DemoService#1.0.0#binghe","id":"0d7e","address":"127.0.0.1","port":27880,"sslPort":null,"payload":{"@class":"io.binghe.rpc.protocol.meta.ServiceMeta","serviceName":"io.binghe.rpc.test.api.DemoService","serviceVersion":"1.0.0","serviceAddr":"127.0.0.1","servicePort":27880,"serviceGroup":"binghe","weight":5},"registrationTimeUTC":1700000000000,"serviceType":"DYNAMIC","uriSpec":null,"enabled":true}""";
        WriteForeignFile(DemoKey, "0d7e", json);
        var consumer = Create();

        var found = await consumer.DiscoverAsync(DemoKey).WithTimeout();

        Assert.That(found, Has.Count.EqualTo(1));
        Assert.That(found[0].Address, Is.EqualTo("127.0.0.1:27880"));
        Assert.That(found[0].Weight, Is.EqualTo(5));
        Assert.That(found[0].Id, Is.EqualTo("0d7e"));
    }

    [Test]
    public async Task RegisterAsync_Instance_WritesCuratorJsonAtEscapedKeyAndId()
    {
        var provider = Create();
        var instance = Instance("10.0.0.1", 27880);

        await provider.RegisterAsync(instance).WithTimeout();

        var path = Path.Combine(_folder.Path, Uri.EscapeDataString(DemoKey), instance.Id + ".json");
        Assert.That(File.Exists(path), Is.True, path);
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(CuratorInstanceJson.Write(instance)));
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(_clock.GetUtcNow().UtcDateTime), "stamped from the injected clock");
    }

    [Test]
    public async Task DeregisterAsync_RegisteredInstance_RemovesFileAndOthersNoLongerFindIt()
    {
        var provider = Create();
        var consumer = Create(cacheDuration: TimeSpan.Zero);
        var kept = Instance("10.0.0.1", 1);
        var removed = Instance("10.0.0.2", 2);
        await provider.RegisterAsync(kept).WithTimeout();
        await provider.RegisterAsync(removed).WithTimeout();

        await provider.DeregisterAsync(removed).WithTimeout();
        var found = await consumer.DiscoverAsync(DemoKey).WithTimeout();

        Assert.That(found, Is.EqualTo(new[] { kept }));
        Assert.That(InstanceFiles(), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task DeregisterAsync_InstanceOfAnotherRegistry_DoesNothing()
    {
        var provider = Create();
        var other = Create(cacheDuration: TimeSpan.Zero);
        var instance = Instance("10.0.0.1", 1);
        await provider.RegisterAsync(instance).WithTimeout();

        await other.DeregisterAsync(instance).WithTimeout();

        Assert.That(await other.DiscoverAsync(DemoKey).WithTimeout(), Is.EqualTo(new[] { instance }));
    }

    [Test]
    public async Task DeregisterAsync_ThenHeartbeat_DoesNotRecreateFile()
    {
        var provider = Create();
        var instance = Instance("10.0.0.1", 1);
        await provider.RegisterAsync(instance).WithTimeout();

        await provider.DeregisterAsync(instance).WithTimeout();
        _clock.Advance(s_heartbeat * 3);

        Assert.That(InstanceFiles(), Is.Empty);
    }

    [Test]
    public async Task DisposeAsync_SeveralRegistrations_RemovesAllFilesAndStopsHeartbeat()
    {
        var provider = Create();
        var consumer = Create(cacheDuration: TimeSpan.Zero);
        await provider.RegisterAsync(Instance("10.0.0.1", 1)).WithTimeout();
        await provider.RegisterAsync(Instance("10.0.0.2", 2)).WithTimeout();
        await provider.RegisterAsync(Instance("10.0.0.3", 3, group: "other")).WithTimeout();
        Assert.That(_clock.ActiveTimers, Is.EqualTo(2));

        await provider.DisposeAsync().WithTimeout();
        await provider.DisposeAsync().WithTimeout();
        _clock.Advance(s_heartbeat * 2);

        Assert.That(InstanceFiles(), Is.Empty);
        Assert.That(_clock.ActiveTimers, Is.EqualTo(1), "only the consumer's timer is left");
        Assert.That(await consumer.DiscoverAsync(DemoKey).WithTimeout(), Is.Empty);
    }

    [Test]
    public async Task RegisterAsync_AfterDispose_ThrowsObjectDisposedException()
    {
        var provider = Create();
        await provider.DisposeAsync().WithTimeout();

        Assert.That(async () => await provider.RegisterAsync(Instance("10.0.0.1", 1)).WithTimeout(), Throws.InstanceOf<ObjectDisposedException>());
        Assert.That(InstanceFiles(), Is.Empty);
    }

    [Test]
    public async Task DiscoverAsync_InstanceNotRefreshedForThreeIntervals_SkipsItAndDeletesItsFile()
    {
        // A process that registered and then died: its file stops being refreshed.
        var path = WriteForeignFile(DemoKey, "dead", Json(Instance("10.0.0.9", 9, id: "dead")));
        var consumer = Create(cacheDuration: TimeSpan.Zero);

        _clock.Advance((s_heartbeat * 3) - TimeSpan.FromMilliseconds(1));
        var beforeDeadline = await consumer.DiscoverAsync(DemoKey).WithTimeout();
        _clock.Advance(TimeSpan.FromMilliseconds(2));
        var afterDeadline = await consumer.DiscoverAsync(DemoKey).WithTimeout();

        Assert.That(beforeDeadline, Has.Count.EqualTo(1), "three intervals are allowed");
        Assert.That(afterDeadline, Is.Empty);
        Assert.That(File.Exists(path), Is.False, "the stale file is removed");
    }

    [Test]
    public async Task DiscoverAsync_HeartbeatRunning_KeepsInstanceAliveAcrossManyIntervals()
    {
        var provider = Create();
        var consumer = Create(cacheDuration: TimeSpan.Zero);
        var instance = Instance("10.0.0.1", 1);
        await provider.RegisterAsync(instance).WithTimeout();

        for (var i = 0; i < 20; i++)
        {
            _clock.Advance(s_heartbeat);
            var found = await consumer.DiscoverAsync(DemoKey).WithTimeout();
            Assert.That(found, Is.EqualTo(new[] { instance }), $"after {i + 1} intervals");
        }

        Assert.That(File.GetLastWriteTimeUtc(InstanceFiles().Single()), Is.EqualTo(_clock.GetUtcNow().UtcDateTime));
    }

    [Test]
    public async Task Heartbeat_FileDeletedByAnotherProcess_RecreatesIt()
    {
        var provider = Create();
        var consumer = Create(cacheDuration: TimeSpan.Zero);
        var instance = Instance("10.0.0.1", 1);
        await provider.RegisterAsync(instance).WithTimeout();
        var path = InstanceFiles().Single();
        var content = File.ReadAllBytes(path);

        File.Delete(path);
        _clock.Advance(s_heartbeat);

        Assert.That(File.Exists(path), Is.True);
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(content));
        Assert.That(await consumer.DiscoverAsync(DemoKey).WithTimeout(), Is.EqualTo(new[] { instance }));
    }

    [Test]
    public async Task Heartbeat_ServiceFolderDeletedByAnotherProcess_RecreatesIt()
    {
        var provider = Create();
        var instance = Instance("10.0.0.1", 1);
        await provider.RegisterAsync(instance).WithTimeout();

        Directory.Delete(Path.Combine(_folder.Path, Uri.EscapeDataString(DemoKey)), recursive: true);
        _clock.Advance(s_heartbeat);

        Assert.That(InstanceFiles(), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task DiscoverAsync_CorruptEmptyAndTemporaryFiles_SkipsThem()
    {
        var provider = Create();
        var consumer = Create(cacheDuration: TimeSpan.Zero);
        var instance = Instance("10.0.0.1", 1);
        await provider.RegisterAsync(instance).WithTimeout();
        WriteForeignFile(DemoKey, "corrupt", "{\"name\":\"x\",\"id\":");
        WriteForeignFile(DemoKey, "empty", string.Empty);
        WriteForeignFile(DemoKey, "garbage", "\u0000\u0001binary");
        var folder = Path.Combine(_folder.Path, Uri.EscapeDataString(DemoKey));
        File.WriteAllText(Path.Combine(folder, ".half-written.tmp"), Json(Instance("10.0.0.2", 2)));
        File.WriteAllText(Path.Combine(folder, "notes.txt"), Json(Instance("10.0.0.3", 3)));

        var found = await consumer.DiscoverAsync(DemoKey).WithTimeout();

        Assert.That(found, Is.EqualTo(new[] { instance }));
    }

    [Test]
    public async Task DiscoverAsync_WithinCacheDuration_DoesNotSeeNewFileUntilCacheExpires()
    {
        var first = Create();
        var second = Create();
        var consumer = Create(cacheDuration: s_cache);
        var a = Instance("10.0.0.1", 1, id: "a");
        var b = Instance("10.0.0.2", 2, id: "b");
        await first.RegisterAsync(a).WithTimeout();
        var initial = await consumer.DiscoverAsync(DemoKey).WithTimeout();

        await second.RegisterAsync(b).WithTimeout();
        _clock.Advance(s_cache - TimeSpan.FromMilliseconds(1));
        var cached = await consumer.DiscoverAsync(DemoKey).WithTimeout();
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var refreshed = await consumer.DiscoverAsync(DemoKey).WithTimeout();

        Assert.That(initial, Is.EqualTo(new[] { a }));
        Assert.That(cached, Is.EqualTo(new[] { a }));
        Assert.That(refreshed, Is.EqualTo(new[] { a, b }));
    }

    [Test]
    public async Task DiscoverAsync_CacheDurationZero_SeesNewFileImmediately()
    {
        var provider = Create();
        var consumer = Create(cacheDuration: TimeSpan.Zero);
        await provider.RegisterAsync(Instance("10.0.0.1", 1, id: "a")).WithTimeout();
        await consumer.DiscoverAsync(DemoKey).WithTimeout();

        await provider.RegisterAsync(Instance("10.0.0.2", 2, id: "b")).WithTimeout();
        var found = await consumer.DiscoverAsync(DemoKey).WithTimeout();

        Assert.That(found, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task DiscoverAsync_EmptyResult_IsNotCached()
    {
        var provider = Create();
        var consumer = Create(cacheDuration: TimeSpan.FromMinutes(10));
        var instance = Instance("10.0.0.1", 1);

        var before = await consumer.DiscoverAsync(DemoKey).WithTimeout();
        await provider.RegisterAsync(instance).WithTimeout();
        var after = await consumer.DiscoverAsync(DemoKey).WithTimeout();

        Assert.That(before, Is.Empty);
        Assert.That(after, Is.EqualTo(new[] { instance }));
    }

    [Test]
    public async Task RegisterAndDeregister_ThroughSameRegistry_InvalidateItsOwnCache()
    {
        var registry = Create(cacheDuration: TimeSpan.FromMinutes(10));
        var a = Instance("10.0.0.1", 1, id: "a");
        var b = Instance("10.0.0.2", 2, id: "b");
        await registry.RegisterAsync(a).WithTimeout();
        var first = await registry.DiscoverAsync(DemoKey).WithTimeout();

        await registry.RegisterAsync(b).WithTimeout();
        var afterRegister = await registry.DiscoverAsync(DemoKey).WithTimeout();
        await registry.DeregisterAsync(a).WithTimeout();
        var afterDeregister = await registry.DiscoverAsync(DemoKey).WithTimeout();

        Assert.That(first, Is.EqualTo(new[] { a }));
        Assert.That(afterRegister, Is.EqualTo(new[] { a, b }));
        Assert.That(afterDeregister, Is.EqualTo(new[] { b }));
    }

    [TestCase("com/acme:Orders", "2.0:beta", "", TestName = "DiscoverAsync_KeyWithSlashColonAndEmptyGroup_FindsInstance")]
    [TestCase("com.acme.Orders", "1.0.0", "team#a/b:c", TestName = "DiscoverAsync_GroupWithHashSlashAndColon_FindsInstance")]
    [TestCase("..", "..", ".", TestName = "DiscoverAsync_KeyOfDots_FindsInstance")]
    [TestCase("C:\\svc\\Orders", "1 0", "grp?*<>|%", TestName = "DiscoverAsync_KeyWithBackslashesAndWildcards_FindsInstance")]
    public async Task DiscoverAsync_UnusualServiceKey_FindsInstanceInOneFolderUnderRoot(string name, string version, string group)
    {
        var provider = Create();
        var consumer = Create();
        var instance = new ServiceInstance(name, version, group, "10.0.0.1", 1, 1, Guid.NewGuid().ToString(), _clock.GetUtcNow());

        await provider.RegisterAsync(instance).WithTimeout();
        var found = await consumer.DiscoverAsync(instance.ServiceKey).WithTimeout();
        var otherGroup = await consumer.DiscoverAsync(ServiceKeyFor(name, version, group + "x")).WithTimeout();

        Assert.That(found, Is.EqualTo(new[] { instance }));
        Assert.That(otherGroup, Is.Empty);
        Assert.That(Directory.GetDirectories(_folder.Path), Has.Length.EqualTo(1), "one folder per key, directly under the root");
        Assert.That(InstanceFiles(), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task DiscoverAsync_VeryLongServiceKey_FindsInstanceAndKeepsKeysApart()
    {
        var provider = Create();
        var consumer = Create();
        var longName = string.Concat(Enumerable.Repeat("com.acme.very.long.package.", 20)) + "Service";
        var one = new ServiceInstance(longName + "One", "1.0.0", "g", "10.0.0.1", 1, 1, "one", _clock.GetUtcNow());
        var two = new ServiceInstance(longName + "Two", "1.0.0", "g", "10.0.0.2", 2, 1, "two", _clock.GetUtcNow());

        await provider.RegisterAsync(one).WithTimeout();
        await provider.RegisterAsync(two).WithTimeout();

        Assert.That(await consumer.DiscoverAsync(one.ServiceKey).WithTimeout(), Is.EqualTo(new[] { one }));
        Assert.That(await consumer.DiscoverAsync(two.ServiceKey).WithTimeout(), Is.EqualTo(new[] { two }));
    }

    [Test]
    public async Task RegisterAsync_ManyConcurrently_AllAreDiscovered()
    {
        var provider = Create();
        var consumer = Create(cacheDuration: TimeSpan.Zero);
        var instances = Enumerable.Range(1, 32).Select(i => Instance("10.0.0." + i, 1000 + i, id: $"i{i:D2}")).ToList();

        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await consumer.DiscoverAsync(DemoKey).WithTimeout()));
        var writers = instances.Select(i => Task.Run(async () => await provider.RegisterAsync(i).WithTimeout()));
        await Task.WhenAll(writers.Concat<Task>(readers)).WithTimeout();
        var found = await consumer.DiscoverAsync(DemoKey).WithTimeout();

        Assert.That(found, Is.EqualTo(instances));
    }

    [Test]
    public void Constructor_MissingNestedFolder_CreatesItAndDescribesIt()
    {
        var nested = Path.Combine(_folder.Path, "a", "b");

        var registry = Create(address: nested);

        Assert.That(Directory.Exists(nested), Is.True);
        Assert.That(registry.Description, Is.EqualTo("local://" + nested));
    }

    [Test]
    public void Constructor_AddressIsAFile_ThrowsConfigurationErrorNamingTheSetting()
    {
        var file = Path.Combine(_folder.Path, "file");
        File.WriteAllText(file, "x");

        Assert.That(
            () => Create(address: file),
            Throws.InstanceOf<RpcException>()
                .With.Property(nameof(RpcException.StatusCode)).EqualTo(RpcStatusCode.Configuration)
                .And.Message.Contains("RegistryOptions.Address"));
    }

    [Test]
    public void Create_LocalNameOrDefault_MakesLocalRegistryFactory()
    {
        Assert.That(ExtensionLoader.Shared.Create<IRegistryFactory>("local"), Is.InstanceOf<LocalRegistryFactory>());
        Assert.That(ExtensionLoader.Shared.Create<IRegistryFactory>(null), Is.InstanceOf<LocalRegistryFactory>());
    }

    [Test]
    public async Task Create_ThroughFactory_WorksOnTheConfiguredFolder()
    {
        var options = new RegistryOptions { Address = _folder.Path };
        var provider = new LocalRegistryFactory(_clock).Create(options);
        await using var _ = provider;
        var consumer = Create();
        var instance = Instance("10.0.0.1", 1);

        await provider.RegisterAsync(instance).WithTimeout();

        Assert.That(provider.Description, Is.EqualTo("local://" + _folder.Path));
        Assert.That(await consumer.DiscoverAsync(DemoKey).WithTimeout(), Is.EqualTo(new[] { instance }));
    }

    [TestCase(0, 500, "HeartbeatInterval", TestName = "Create_ZeroHeartbeat_ThrowsConfigurationError")]
    [TestCase(2 * 86_400_000, 500, "HeartbeatInterval", TestName = "Create_TwoDayHeartbeat_ThrowsConfigurationError")]
    [TestCase(2000, -1, "CacheDuration", TestName = "Create_NegativeCacheDuration_ThrowsConfigurationError")]
    public void Create_SettingOutOfRange_ThrowsConfigurationErrorNamingIt(long heartbeatMs, long cacheMs, string setting)
    {
        var options = new RegistryOptions
        {
            Address = _folder.Path,
            HeartbeatInterval = TimeSpan.FromMilliseconds(heartbeatMs),
            CacheDuration = TimeSpan.FromMilliseconds(cacheMs),
        };

        Assert.That(
            () => new LocalRegistryFactory(_clock).Create(options),
            Throws.InstanceOf<RpcException>()
                .With.Property(nameof(RpcException.StatusCode)).EqualTo(RpcStatusCode.Configuration)
                .And.Message.Contains(setting));
    }

    private static string ServiceKeyFor(string name, string version, string group) => Bhrpc.Protocol.ServiceKey.Build(name, version, group);

    private static string Json(ServiceInstance instance) => Encoding.UTF8.GetString(CuratorInstanceJson.Write(instance));

    private LocalRegistry Create(TimeSpan? cacheDuration = null, string? address = null)
    {
        var options = new RegistryOptions
        {
            Address = address ?? _folder.Path,
            HeartbeatInterval = s_heartbeat,
            CacheDuration = cacheDuration ?? s_cache,
        };
        var registry = new LocalRegistry(options, _clock);
        _registries.Add(registry);
        return registry;
    }

    private ServiceInstance Instance(string host, int port, string group = "binghe", string? id = null)
        => new("io.binghe.rpc.test.api.DemoService", "1.0.0", group, host, port, 1, id ?? Guid.NewGuid().ToString(), _clock.GetUtcNow());

    /// <summary>Writes an instance file as another process would, stamped with the test clock's now.</summary>
    private string WriteForeignFile(string serviceKey, string id, string content)
    {
        var folder = Path.Combine(_folder.Path, Uri.EscapeDataString(serviceKey));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, id + ".json");
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, _clock.GetUtcNow().UtcDateTime);
        return path;
    }

    private string[] InstanceFiles() => Directory.GetFiles(_folder.Path, "*.json", SearchOption.AllDirectories);
}
