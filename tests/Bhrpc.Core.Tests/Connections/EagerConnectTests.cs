using System.Net;
using System.Net.Sockets;
using Bhrpc.Internal;
using Bhrpc.Registry;
using Bhrpc.Registry.Local;
using Bhrpc.Tests.EndToEnd;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Connections;

/// <summary>An eager reference (<see cref="ReferenceOptions.Lazy"/> false) connects to its providers at proxy creation.</summary>
public sealed class EagerConnectTests
{
    // ConnectionPool's "Ejected" log entry.
    private const int EjectedLogged = LogEventIds.ConnectionPool + 3;

    [Test]
    public async Task CreateProxy_Eager_OpensTheConnectionBeforeAnyCall()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            await using var client = new RpcClient();
            _ = client.CreateProxy<ICalculator>(r =>
            {
                r.DirectAddress = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
                r.Lazy = false;
            });

            await using var peer = await RawPeer.AcceptAsync(listener);

            Assert.That(client.OpenConnections, Has.Count.EqualTo(1));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Test]
    public async Task CreateProxy_Lazy_OpensNoConnection()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            await using var client = new RpcClient();
            _ = client.CreateProxy<ICalculator>(r => r.DirectAddress = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

            Assert.That(client.OpenConnections, Is.Empty);
            Assert.That(listener.Pending(), Is.False);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Test]
    public async Task CreateProxy_EagerWithRegistry_ConnectsToThisReferencesProvidersOnly()
    {
        using var folder = new TempFolder();
        var mine = new TcpListener(IPAddress.Loopback, 0);
        var other = new TcpListener(IPAddress.Loopback, 0);
        mine.Start();
        other.Start();
        var registryOptions = new RegistryOptions { Type = "local", Address = folder.Path };
        await using var registry = new LocalRegistryFactory().Create(registryOptions);
        try
        {
            await registry.RegisterAsync(Instance(typeof(ICalculator).FullName!, mine)).WithTimeout();
            await registry.RegisterAsync(Instance(typeof(ICalculatorOneway).FullName!, other)).WithTimeout();
            await using var client = new RpcClient(new ClientOptions { Registry = registryOptions });

            _ = client.CreateProxy<ICalculator>(r => r.Lazy = false);
            await using var peer = await RawPeer.AcceptAsync(mine);

            Assert.That(client.OpenConnections, Has.Count.EqualTo(1));
            Assert.That(other.Pending(), Is.False, "the provider of another service should not be connected to");
        }
        finally
        {
            mine.Stop();
            other.Stop();
        }
    }

    [Test]
    public async Task CreateProxy_EagerProviderRefusing_RetriesWithBackoffUntilItListens()
    {
        // Bound but not listening: connects are refused until Listen, on a port no other process can take meanwhile.
        using var provider = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        provider.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var logs = new SignallingLoggerFactory();
        await using var client = new RpcClient(new ClientOptions
        {
            LoggerFactory = logs,
            EjectionBackoff = TimeSpan.FromMilliseconds(50),
            MaxEjectionBackoff = TimeSpan.FromMilliseconds(200),
        });
        var address = $"127.0.0.1:{((IPEndPoint)provider.LocalEndPoint!).Port}";

        _ = client.CreateProxy<ICalculator>(r =>
        {
            r.DirectAddress = address;
            r.Lazy = false;
        });
        await logs.WaitForAsync(EjectedLogged, 2).WithTimeout();
        provider.Listen();
        using var accepted = await provider.AcceptAsync().WithTimeout();

        Assert.That(client.ProviderStats.For(address).Ejections, Is.GreaterThanOrEqualTo(2));
        Assert.That(logs.Messages(EjectedLogged)[1], Does.Contain("100 ms"), "the second ejection should double the first");
    }

    private static ServiceInstance Instance(string service, TcpListener listener)
    {
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return new ServiceInstance(service, "1.0.0", string.Empty, "127.0.0.1", port, 1, $"test-{port}", DateTimeOffset.UtcNow);
    }
}
