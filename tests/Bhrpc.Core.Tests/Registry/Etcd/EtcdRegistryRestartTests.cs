using System.Diagnostics;
using Bhrpc.Internal;
using Bhrpc.Registry.Etcd;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Registry.Etcd;

/// <summary>The etcd registry while its (private) etcd crashes and comes back.</summary>
public class EtcdRegistryRestartTests
{
    private static readonly TimeSpan s_recoveryTime = TimeSpan.FromSeconds(5);

    private EtcdServerProcess? _server;
    private readonly List<EtcdRegistry> _registries = [];

    private EtcdServerProcess Server => _server ?? throw new InvalidOperationException("SetUp did not start etcd.");

    [SetUp]
    public async Task SetUp() => _server = await EtcdServerProcess.StartNewAsync().WaitAsync(TimeSpan.FromSeconds(30));

    [TearDown]
    public async Task TearDown()
    {
        foreach (var registry in _registries)
        {
            await registry.DisposeAsync().AsTask().WithTimeout();
        }

        _registries.Clear();

        // Null when SetUp skipped the test (no etcd binary outside CI).
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Test]
    public async Task EtcdKilledAndRestarted_ProviderStaysRegisteredAndWatchRecovers()
    {
        var root = EtcdTestEnvironment.UniqueRoot();
        var providerLogs = new RecordingLoggerFactory();
        var consumerLogs = new RecordingLoggerFactory();
        var provider = Create(root, providerLogs);
        var consumer = Create(root, consumerLogs);
        var before = EtcdRegistryTests.Instance("10.0.0.1", 1);
        var after = EtcdRegistryTests.Instance("10.0.0.2", 2);
        var recorder = new InstanceListRecorder();
        await provider.RegisterAsync(before).WithTimeout();
        await using var watch = await consumer.WatchAsync(before.ServiceKey, recorder.OnChange).WithTimeout();
        await recorder.WaitForAsync(l => l.SequenceEqual([before]), TimeSpan.FromSeconds(1), "the provider");

        Server.Stop();

        // Both sides notice the outage (the watch stream breaks, a keep-alive fails) and say so once.
        await Eventually(() => consumerLogs.Count(LogEventIds.Etcd + 5) > 0 && providerLogs.Count(LogEventIds.Etcd + 3) > 0, s_recoveryTime, "the outage logged");
        var pushedDuringOutage = recorder.Count;
        await Server.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(recorder.Count, Is.EqualTo(pushedDuringOutage), "nothing is pushed while etcd is down: consumers keep the last list");

        // Same objects as before: the provider registers more, the watch sees both.
        await provider.RegisterAsync(after).WithTimeout();
        await recorder.WaitForAsync(l => l.Count == 2 && l.Contains(before) && l.Contains(after), s_recoveryTime, "both providers after the restart");
        await Eventually(() => consumerLogs.Count(LogEventIds.Etcd + 7) > 0 && providerLogs.Count(LogEventIds.Etcd + 4) > 0, s_recoveryTime, "the recovery logged");
        Assert.That(consumerLogs.Count(LogEventIds.Etcd + 5), Is.EqualTo(1), "the watch failure is logged once per outage");
        Assert.That(providerLogs.Count(LogEventIds.Etcd + 3), Is.EqualTo(1), "the keep-alive failure is logged once per outage");
        Assert.That(await Create(root, null).DiscoverAsync(before.ServiceKey).WithTimeout(), Is.EquivalentTo(new[] { before, after }));
        Assert.That(recorder.Overlaps, Is.Zero);
    }

    [Test]
    public async Task EtcdRestartedWithLeaseGone_ProviderRegistersAgainUnderNewLease()
    {
        var root = EtcdTestEnvironment.UniqueRoot();
        var providerLogs = new RecordingLoggerFactory();
        var provider = Create(root, providerLogs);
        var instance = EtcdRegistryTests.Instance("10.0.0.1", 1);
        var recorder = new InstanceListRecorder();
        await provider.RegisterAsync(instance).WithTimeout();
        await using var watch = await Create(root, null).WatchAsync(instance.ServiceKey, recorder.OnChange).WithTimeout();
        await recorder.WaitForAsync(l => l.Count == 1, TimeSpan.FromSeconds(1), "the provider");
        var firstLease = provider.LeaseId;

        // A single etcd keeps leases across its restart (it extends them); revoke the lease while the
        // provider is still reconnecting, as an expiry during an outage of a cluster would.
        Server.Stop();
        await Server.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await Create(root, null).Client.RevokeLeaseAsync(firstLease, CancellationToken.None).WithTimeout();

        await recorder.WaitForAsync(l => l.SequenceEqual([instance]) && provider.LeaseId != firstLease, s_recoveryTime, "the provider registered again");
        Assert.That(provider.LeaseId, Is.Not.Zero.And.Not.EqualTo(firstLease));

        // Logged after the last key is written, so possibly just after the watch saw it.
        await Eventually(() => providerLogs.Count(LogEventIds.Etcd + 2) > 0, TimeSpan.FromSeconds(1), "the new registration logged");
    }

    private static async Task Eventually(Func<bool> condition, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > within)
            {
                Assert.Fail($"not {what} within {within}");
            }

            await Task.Delay(20);
        }
    }

    private EtcdRegistry Create(string root, RecordingLoggerFactory? logs, TimeSpan? sessionTimeout = null)
    {
        var registry = (EtcdRegistry)new EtcdRegistryFactory().Create(new RegistryOptions
        {
            Type = "etcd",
            Address = Server.Address,
            Root = root,
            SessionTimeout = sessionTimeout ?? TimeSpan.FromSeconds(2),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            LoggerFactory = logs,
        });
        _registries.Add(registry);
        return registry;
    }
}
