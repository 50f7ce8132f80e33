using Bhrpc.Registry;
using Bhrpc.Registry.ZooKeeper;
using Bhrpc.Registry.ZooKeeper.Client;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Registry.ZooKeeper;

/// <summary>
/// Tests against the shared ZooKeeper: each test gets its own root (<c>/bhrpc-test-{guid}</c>), so tests
/// never see each other's nodes, and the tree is deleted afterwards. Registries and clients made
/// through the helpers are disposed after the test.
/// </summary>
public abstract class ZooKeeperTestBase
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<string> _cleanup = [];
    private readonly List<string> _cleanupIfEmpty = [];

    /// <summary>The shared server's address.</summary>
    protected string Address { get; private set; } = null!;

    /// <summary>This test's root path.</summary>
    protected string Root { get; private set; } = null!;

    [SetUp]
    public void SetUpZooKeeper()
    {
        Address = ZooKeeperTestEnvironment.RequireSharedServer();
        Root = "/bhrpc-test-" + Guid.NewGuid().ToString("N");
        _cleanup.Add(Root);
    }

    [TearDown]
    public async Task TearDownZooKeeper()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync().AsTask().WithTimeout();
        }

        _owned.Clear();
        if (Address is null)
        {
            return;
        }

        await using var admin = await ConnectAsync(Address).WithTimeout();
        foreach (var path in _cleanup)
        {
            await ZooKeeperTrees.DeleteTreeAsync(admin, path).WithTimeout();
        }

        _cleanup.Clear();
        foreach (var path in _cleanupIfEmpty)
        {
            try
            {
                await admin.DeleteAsync(path).WithTimeout();
            }
            catch (ZooKeeperException e) when (e.Code is ZooKeeperErrorCode.NotEmpty or ZooKeeperErrorCode.NoNode)
            {
                // Still used by someone else, or never made.
            }
        }

        _cleanupIfEmpty.Clear();
    }

    /// <summary>Deletes <paramref name="path"/> and everything under it after the test.</summary>
    protected void CleanUpAfterTest(string path) => _cleanup.Add(path);

    /// <summary>Deletes <paramref name="path"/> after the test (and after the paths of <see cref="CleanUpAfterTest"/>) if nothing is left under it.</summary>
    protected void CleanUpIfEmptyAfterTest(string path) => _cleanupIfEmpty.Add(path);

    /// <summary>A registry on the shared server under <see cref="Root"/>, disposed after the test.</summary>
    internal ZooKeeperRegistry CreateRegistry(Action<RegistryOptions>? configure = null)
    {
        var options = new RegistryOptions { Type = "zookeeper", Address = Address, Root = Root };
        configure?.Invoke(options);
        var registry = (ZooKeeperRegistry)new ZooKeeperRegistryFactory().Create(options);
        _owned.Add(registry);
        return registry;
    }

    /// <summary>A raw client, disposed after the test.</summary>
    internal async Task<ZooKeeperClient> ConnectClientAsync(string? address = null, TimeSpan? sessionTimeout = null)
    {
        var client = await ConnectAsync(address ?? Address, sessionTimeout).WithTimeout();
        _owned.Add(client);
        return client;
    }

    internal static Task<ZooKeeperClient> ConnectAsync(string address, TimeSpan? sessionTimeout = null, long sessionId = 0, byte[]? password = null)
        => ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            Servers = Bhrpc.Internal.HostPort.ParseList(address, "test address"),
            ConnectString = address,
            SessionTimeout = sessionTimeout ?? TimeSpan.FromSeconds(10),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            SessionId = sessionId,
            SessionPassword = password,
        });

    /// <summary>A provider of a service whose name is unique to this test.</summary>
    internal static ServiceInstance NewInstance(string serviceName, int port, int weight = 1)
        => new(serviceName, "1.0.0", "binghe", "127.0.0.1", port, weight, Guid.NewGuid().ToString(), DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

    internal static string NewServiceName() => "io.binghe.rpc.test.DemoService" + Guid.NewGuid().ToString("N")[..8];
}
