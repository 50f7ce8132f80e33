using System.Net;
using System.Net.Sockets;
using Bhrpc.Internal;
using Bhrpc.Tests.EndToEnd;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Connections;

/// <summary>A connection attempt that fails ejects the address at once, for a back-off that doubles while it keeps failing.</summary>
public sealed class ConnectFailureEjectionTests
{
    // ConnectionPool's "Ejected" log entry.
    private const int EjectedLogged = LogEventIds.ConnectionPool + 3;

    [Test]
    public async Task Call_RefusedPort_EjectsTheAddressWithDoublingBackoffUpToTheMaximum()
    {
        // Bound but not listening: every connect is refused, and no other process can take the port meanwhile.
        using var refusing = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        refusing.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var address = $"127.0.0.1:{((IPEndPoint)refusing.LocalEndPoint!).Port}";
        var clock = new ManualTimeProvider();
        var logs = new SignallingLoggerFactory();
        await using var client = new RpcClient(new ClientOptions
        {
            TimeProvider = clock,
            LoggerFactory = logs,
            EjectionBackoff = TimeSpan.FromSeconds(1),
            MaxEjectionBackoff = TimeSpan.FromSeconds(4),
        });
        // One attempt per call (failfast): a retry's late connect failure would land after the clock moved on.
        var proxy = client.CreateProxy<ICalculator>(r =>
        {
            r.DirectAddress = address;
            r.Cluster = "failfast";
        });
        var stats = client.ProviderStats.For(address);
        var backoffs = new List<TimeSpan>();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var error = Assert.ThrowsAsync<RpcException>(() => proxy.AddAsync(1, 1).WithTimeout())!;
            Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.ConnectionClosed));
            await logs.WaitForAsync(EjectedLogged, attempt).WithTimeout();
            Assert.That(stats.IsAvailable, Is.False);
            var backoff = TimeSpan.FromTicks(stats.EjectedUntil - clock.GetTimestamp());
            backoffs.Add(backoff);
            clock.Advance(backoff);
            Assert.That(stats.IsEjected, Is.False, "the ejection should end after its back-off");
        }

        Assert.That(backoffs, Is.EqualTo(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4) }));
        Assert.That(stats.Ejections, Is.EqualTo(4));
        var messages = logs.Messages(EjectedLogged);
        Assert.That(messages, Has.Count.EqualTo(4));
        Assert.That(messages[0], Does.Contain(address).And.Contain("1000 ms").And.Contain("could not connect"));
        Assert.That(messages[1], Does.Contain("2000 ms"));
    }

    [Test]
    public async Task Call_WhileEjected_FailsAgainWithoutProlongingTheEjection()
    {
        using var refusing = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        refusing.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var address = $"127.0.0.1:{((IPEndPoint)refusing.LocalEndPoint!).Port}";
        var clock = new ManualTimeProvider();
        var logs = new SignallingLoggerFactory();
        await using var client = new RpcClient(new ClientOptions { TimeProvider = clock, LoggerFactory = logs });
        // One attempt per call (failfast): a retry's late connect failure would land after the clock moved on.
        var proxy = client.CreateProxy<ICalculator>(r =>
        {
            r.DirectAddress = address;
            r.Cluster = "failfast";
        });
        var stats = client.ProviderStats.For(address);
        Assert.ThrowsAsync<RpcException>(() => proxy.AddAsync(1, 1).WithTimeout());
        await logs.WaitForAsync(EjectedLogged).WithTimeout();
        var until = stats.EjectedUntil;

        // The only provider is still tried (nothing else is available); its failure is no new ejection.
        var again = Assert.ThrowsAsync<RpcException>(() => proxy.AddAsync(1, 1).WithTimeout())!;

        Assert.That(again.StatusCode, Is.EqualTo(RpcStatusCode.ConnectionClosed));
        Assert.That(stats.EjectedUntil, Is.EqualTo(until));
        Assert.That(stats.Ejections, Is.EqualTo(1));
    }

    [Test]
    public async Task Call_ProviderListening_DoesNotEject()
    {
        await using var harness = await Harness.StartAsync();
        var proxy = harness.Proxy();

        Assert.That(await proxy.AddAsync(1, 2).WithTimeout(), Is.EqualTo(3));

        var stats = harness.Client.ProviderStats.For($"127.0.0.1:{harness.Server.Port}");
        Assert.That(stats.Ejections, Is.Zero);
        Assert.That(stats.IsAvailable, Is.True);
    }

    [TestCase(0, 30, 3, "ClientOptions.EjectionBackoff")]
    [TestCase(2, 1, 3, "ClientOptions.MaxEjectionBackoff")]
    [TestCase(1, 30, 0, "ClientOptions.EjectAfterFailures")]
    public void Validate_BadEjectionSetting_IsRefusedNamingIt(int backoffSeconds, int maxSeconds, int failures, string setting)
    {
        var options = new ClientOptions
        {
            EjectionBackoff = TimeSpan.FromSeconds(backoffSeconds),
            MaxEjectionBackoff = TimeSpan.FromSeconds(maxSeconds),
            EjectAfterFailures = failures,
        };

        var error = Assert.Throws<RpcException>(options.Validate)!;

        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain(setting));
    }
}
