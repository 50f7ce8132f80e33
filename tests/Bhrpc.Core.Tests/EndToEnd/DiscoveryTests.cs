using System.Diagnostics;
using Bhrpc.Extensions;
using Bhrpc.Registry;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>
/// Consumers find providers through the registry's pushed list: no registry round trip per call,
/// changes seen within 1 s. Runs once per registry, against the real ZooKeeper and etcd that
/// ./test.sh starts.
/// </summary>
[TestFixture("local")]
[TestFixture("zookeeper")]
[TestFixture("etcd")]
public sealed class DiscoveryTests(string registryType)
{
    private static readonly TimeSpan s_within = TimeSpan.FromSeconds(1);
    private TempFolder _folder = null!;
    private RegistryOptions _registry = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = new TempFolder();
        _registry = registryType switch
        {
            "local" => new RegistryOptions { Address = _folder.Path },
            _ => new RegistryOptions { Type = registryType, Address = RequiredServer.Address(registryType), Root = $"/bhrpc-test-{Guid.NewGuid():N}" },
        };
    }

    [TearDown]
    public void TearDown() => _folder.Dispose();

    private Task<RpcServer> StartProviderAsync(Calculator service, string name)
        => new RpcServerBuilder()
            .Listen("127.0.0.1", 0)
            .UseRegistry(_registry.Clone())
            .AddService<ICalculator>(service, s => s.ServiceName = name)
            .StartAsync().WithTimeout();

    private RpcClient NewClient() => new(new ClientOptions { Registry = _registry.Clone() });

    private static async Task<TimeSpan> UntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > limit)
            {
                Assert.Fail($"the condition did not hold within {limit.TotalMilliseconds} ms");
            }

            await Task.Delay(20);
        }

        return watch.Elapsed;
    }

    [Test]
    public async Task ProviderStartedAfterTheConsumer_IsSeenWithinOneSecond()
    {
        await using var client = NewClient();
        var proxy = client.CreateProxy<ICalculator>(r => r.ServiceName = "late");
        Assert.That(() => proxy.Add(1, 1), Throws.TypeOf<RpcException>().With.Property(nameof(RpcException.StatusCode)).EqualTo(RpcStatusCode.NoProvider));

        await using var server = await StartProviderAsync(new Calculator(), "late");
        await UntilAsync(
            () =>
            {
                try
                {
                    return proxy.Add(2, 2) == 4;
                }
                catch (RpcException e) when (e.StatusCode == RpcStatusCode.NoProvider)
                {
                    return false;
                }
            },
            s_within);
    }

    [Test]
    public async Task TwoProviders_StoppingOneMovesAllTrafficToTheOtherWithinOneSecond()
    {
        var first = new Calculator();
        var second = new Calculator();
        await using var a = await StartProviderAsync(first, "pair");
        await using var b = await StartProviderAsync(second, "pair");
        await using var client = NewClient();
        var proxy = client.CreateProxy<ICalculator>(r => r.ServiceName = "pair");

        // Both providers take calls (random balancing: 40 calls all on one side has odds of 2^-39).
        for (var i = 0; i < 40; i++)
        {
            proxy.Record("x");
        }

        Assert.That(first.Recorded.Reader.Count, Is.GreaterThan(0));
        Assert.That(second.Recorded.Reader.Count, Is.GreaterThan(0));

        await a.StopAsync().WithTimeout();
        var stopped = Stopwatch.StartNew();
        await Task.Delay(s_within);

        // From now on every call lands on the provider still running.
        var before = second.Recorded.Reader.Count;
        for (var i = 0; i < 50; i++)
        {
            proxy.Record("after");
        }

        Assert.That(second.Recorded.Reader.Count, Is.EqualTo(before + 50));
        Assert.That(stopped.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task SteadyState_CallsNeverAskTheRegistry()
    {
        var counting = new CountingRegistryFactory(registryType);
        var loader = new ExtensionLoader(new ExtensionLoaderOptions()).Register<IRegistryFactory>("counting", () => counting);
        await using var server = await new RpcServerBuilder()
            .Listen("127.0.0.1", 0)
            .UseRegistry(_registry.Clone())
            .AddService<ICalculator>(new Calculator())
            .StartAsync().WithTimeout();
        var countingOptions = _registry.Clone();
        countingOptions.Type = "counting";
        await using var client = new RpcClient(new ClientOptions { Extensions = loader, Registry = countingOptions });
        var proxy = client.CreateProxy<ICalculator>();
        var again = client.CreateProxy<ICalculator>();

        for (var i = 0; i < 200; i++)
        {
            Assert.That(await proxy.AddAsync(i, 1).WithTimeout(), Is.EqualTo(i + 1));
            Assert.That(again.Add(i, 2), Is.EqualTo(i + 2));
        }

        Assert.That(counting.Registry!.Watches, Is.EqualTo(1), "one watch per registry and service key, shared by references");
        Assert.That(counting.Registry.Discoveries, Is.Zero, "calls read the pushed list");
    }

    [Test]
    public async Task ProviderGone_IsRemovedFromTheConsumersList()
    {
        await using var client = NewClient();
        var server = await StartProviderAsync(new Calculator(), "gone");
        var proxy = client.CreateProxy<ICalculator>(r => r.ServiceName = "gone");
        Assert.That(proxy.Add(1, 1), Is.EqualTo(2));

        await server.StopAsync().WithTimeout();
        await UntilAsync(
            () =>
            {
                try
                {
                    proxy.Add(1, 1);
                    return false;
                }
                catch (RpcException e)
                {
                    return e.StatusCode == RpcStatusCode.NoProvider;
                }
            },
            s_within);
    }

    /// <summary>The registry under test, counting what consumers ask of it.</summary>
    private sealed class CountingRegistryFactory(string innerType) : IRegistryFactory
    {
        public CountingRegistry? Registry { get; private set; }

        public IRegistry Create(RegistryOptions options)
        {
            var inner = options.Clone();
            inner.Type = innerType;
            return Registry = new CountingRegistry(ExtensionLoader.Shared.Create<IRegistryFactory>(innerType).Create(inner));
        }
    }

    private sealed class CountingRegistry(IRegistry inner) : IRegistry
    {
        private int _discoveries;
        private int _watches;

        public int Discoveries => Volatile.Read(ref _discoveries);

        public int Watches => Volatile.Read(ref _watches);

        public string Description => inner.Description;

        public ValueTask RegisterAsync(ServiceInstance instance, CancellationToken cancellationToken = default) => inner.RegisterAsync(instance, cancellationToken);

        public ValueTask DeregisterAsync(ServiceInstance instance, CancellationToken cancellationToken = default) => inner.DeregisterAsync(instance, cancellationToken);

        public ValueTask<IReadOnlyList<ServiceInstance>> DiscoverAsync(string serviceKey, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _discoveries);
            return inner.DiscoverAsync(serviceKey, cancellationToken);
        }

        public ValueTask<IAsyncDisposable> WatchAsync(string serviceKey, Action<IReadOnlyList<ServiceInstance>> onChange, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _watches);
            return inner.WatchAsync(serviceKey, onChange, cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
