using System.Runtime.InteropServices;
using Bhrpc.Extensions;
using Bhrpc.Metadata;
using Bhrpc.Registry;
using Bhrpc.Tests.EndToEnd;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Faults;

/// <summary>
/// Fault tolerance with real provider processes (tests/Bhrpc.TestProvider --load) on 127.0.0.1 and a <c>local</c>
/// registry: 3 providers, a paced load of 20,000 calls (1,000 calls/s, at most 32 at once), and a fault on one
/// provider after 5,000 calls: SIGKILL, SIGTERM, SIGSTOP for 15 s, or a registry entry whose port refuses
/// connections. README "Fault tolerance" reports what these tests print.
/// </summary>
[Platform(Exclude = "Win", Reason = "sends POSIX signals with the kill command")]
[NonParallelizable]
public sealed class ProviderFaultTests
{
    private const string ServiceName = "Bhrpc.TestProvider.ILoadService";

    /// <summary>The fault tests' copy of the test provider's contract (same service name and methods).</summary>
    public interface ILoadService
    {
        [Idempotent]
        Task<int> ReadAsync(int value);

        Task<int> WriteAsync(int value);
    }

    [Test]
    public async Task Sigkill_OneOfThreeProviders_NoIdempotentCallFails()
    {
        await using var cluster = await ProviderCluster.StartAsync(3);
        var proxy = cluster.Proxy();

        var report = await LoadRun.RunAsync(i => proxy.ReadAsync(i), faultAt: 5_000, () => cluster.Providers[0].SignalAsync("KILL"));

        TestContext.Out.WriteLine($"SIGKILL 1 of 3, idempotent: {report}");
        Assert.That(report.Failed, Is.Zero, report.ToString());
        Assert.That(report.Completed, Is.EqualTo(LoadRun.Calls));
    }

    [Test]
    public async Task Sigkill_OneOfThreeProviders_OnlyCallsInFlightOnItFailWhenNotIdempotent()
    {
        await using var cluster = await ProviderCluster.StartAsync(3);
        var proxy = cluster.Proxy();

        var report = await LoadRun.RunAsync(i => proxy.WriteAsync(i), faultAt: 5_000, () => cluster.Providers[0].SignalAsync("KILL"));

        // At most once: a request the killed provider may have read is not sent again; nothing else fails.
        TestContext.Out.WriteLine($"SIGKILL 1 of 3, not idempotent: {report}");
        Assert.That(report.Failed, Is.LessThanOrEqualTo(LoadRun.Concurrency), report.ToString());
        Assert.That(report.FailureStatuses.Keys, Is.SubsetOf(new[] { RpcStatusCode.ConnectionClosed }), report.ToString());
    }

    [Test]
    public async Task Sigterm_OneOfThreeProviders_NoCallFails()
    {
        await using var cluster = await ProviderCluster.StartAsync(3);
        var proxy = cluster.Proxy();

        var report = await LoadRun.RunAsync(i => proxy.WriteAsync(i), faultAt: 5_000, () => cluster.Providers[0].SignalAsync(PosixSignal.SIGTERM));

        TestContext.Out.WriteLine($"SIGTERM 1 of 3, not idempotent: {report}");
        Assert.That(report.Failed, Is.Zero, report.ToString());
        Assert.That(await cluster.Providers[0].WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.True, "the provider stopped");
        Assert.That(cluster.Providers[0].ExitCode, Is.Zero, cluster.Providers[0].Output);
    }

    [Test]
    public async Task Sigstop_OneOfThreeProvidersFor15Seconds_NoIdempotentCallFailsAndThroughputStaysAboveHalf()
    {
        await using var cluster = await ProviderCluster.StartAsync(3);
        var proxy = cluster.Proxy(r => r.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        var stopped = cluster.Providers[0];

        var report = await LoadRun.RunAsync(
            i => proxy.ReadAsync(i),
            faultAt: 3_000,
            async () =>
            {
                await stopped.SignalAsync("STOP");
                await Task.Delay(LoadRun.StopFor);
                await stopped.SignalAsync("CONT");
            });

        TestContext.Out.WriteLine($"SIGSTOP 1 of 3 for 15 s, idempotent: {report}");
        Assert.That(report.Failed, Is.Zero, report.ToString());
        Assert.That(report.FaultWindowRate, Is.GreaterThan(report.NormalRate / 2), report.ToString());
    }

    [Test]
    public async Task StaleRegistryEntry_PortRefusesConnections_NoCallFails()
    {
        await using var cluster = await ProviderCluster.StartAsync(1);
        await using var stale = await cluster.RegisterStaleEntryAsync();
        var proxy = cluster.Proxy(r => r.LoadBalancer = "robin");

        var report = await LoadRun.RunAsync(i => proxy.WriteAsync(i), faultAt: -1, () => Task.CompletedTask);

        TestContext.Out.WriteLine($"stale entry beside 1 live provider, not idempotent: {report}");
        Assert.That(report.Failed, Is.Zero, report.ToString());
    }

    /// <summary>Provider processes on one local registry folder, and a client of theirs.</summary>
    private sealed class ProviderCluster : IAsyncDisposable
    {
        private readonly TempFolder _registry;

        private ProviderCluster(TempFolder registry, IReadOnlyList<ProviderChild> providers)
        {
            _registry = registry;
            Providers = providers;
            Client = new RpcClient(new ClientOptions { Registry = new RegistryOptions { Type = "local", Address = registry.Path } });
        }

        public IReadOnlyList<ProviderChild> Providers { get; }

        public RpcClient Client { get; }

        public static async Task<ProviderCluster> StartAsync(int count)
        {
            var registry = new TempFolder();
            var started = Enumerable.Range(0, count).Select(_ => ProviderChild.StartAsync(registry.Path, load: true)).ToList();
            return new ProviderCluster(registry, await Task.WhenAll(started));
        }

        /// <summary>The default cluster (failover, 2 retries) and load balancer (random), through the registry.</summary>
        public ILoadService Proxy(Action<ReferenceOptions>? configure = null) => Client.CreateProxy<ILoadService>(r =>
        {
            r.ServiceName = ServiceName;
            r.Timeout = TimeSpan.FromSeconds(5);
            configure?.Invoke(r);
        });

        /// <summary>Registers an instance of the service on a port where nothing listens, kept fresh until disposed.</summary>
        public async Task<IAsyncDisposable> RegisterStaleEntryAsync()
        {
            var registry = ExtensionLoader.Shared.Create<IRegistryFactory>("local").Create(new RegistryOptions { Type = "local", Address = _registry.Path });
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            await registry.RegisterAsync(new ServiceInstance(ServiceName, "1.0.0", string.Empty, "127.0.0.1", port, 100, "stale-" + port, DateTimeOffset.UtcNow)).AsTask().WithTimeout();
            return registry;
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync().AsTask().WithTimeout();
            foreach (var provider in Providers)
            {
                await provider.DisposeAsync();
            }

            _registry.Dispose();
        }
    }
}
