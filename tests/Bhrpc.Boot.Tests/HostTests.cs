using System.Diagnostics;
using System.Net.Sockets;
using Bhrpc.Boot.Internal;
using Bhrpc.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Bhrpc.Boot.Tests;

/// <summary>Provider and consumer hosts calling each other for real over loopback.</summary>
public sealed class HostTests
{
    private TestHosts _hosts = null!;

    [SetUp]
    public void SetUp() => _hosts = new TestHosts();

    [TearDown]
    public async Task TearDown()
    {
        // Bounded inside: every host stop and dispose has a timeout.
        await _hosts.DisposeAsync();
    }

    [Test]
    public async Task ProviderAndConsumerHosts_ConstructorInjectedReference_Calls()
    {
        var provider = await _hosts.StartAsync(b => b.AddService<IGreeter, Greeter>());
        Assert.That(provider.Services.GetRequiredService<BhrpcRuntime>().Server?.Port, Is.GreaterThan(0));

        var consumer = await _hosts.StartAsync(
            b => b.AddReference<IGreeter>("greeter"),
            new Dictionary<string, string?> { ["Bhrpc:References:greeter:Timeout"] = "00:00:05" },
            services: s => s.AddSingleton<Lobby>());

        Assert.That(consumer.Services.GetRequiredService<Lobby>().Greet("boot"), Is.EqualTo("hello boot"));
        var first = consumer.Services.GetRequiredService<IGreeter>();
        Assert.That(consumer.Services.GetRequiredService<IGreeter>(), Is.SameAs(first), "one proxy per host");
    }

    [Test]
    public async Task ServicesAndReferencesDeclaredOnlyInConfiguration_Call()
    {
        await _hosts.StartAsync(_ => { }, new Dictionary<string, string?>
        {
            ["Bhrpc:Services:0:Interface"] = typeof(IGreeter).AssemblyQualifiedName,
            ["Bhrpc:Services:0:Implementation"] = typeof(Greeter).AssemblyQualifiedName,
            ["Bhrpc:Services:0:Version"] = "3.0.0",
        });
        var consumer = await _hosts.StartAsync(_ => { }, new Dictionary<string, string?>
        {
            ["Bhrpc:References:greeter:Interface"] = typeof(IGreeter).AssemblyQualifiedName,
            ["Bhrpc:References:greeter:Version"] = "3.0.0",
        });

        Assert.That(consumer.Services.GetRequiredService<IGreeter>().Hello("config"), Is.EqualTo("hello config"));
    }

    [Test]
    public async Task Autofac_AddBhrpcInjection_SetsRpcReferenceFields()
    {
        await _hosts.StartAsync(b => b.AddService<IGreeter, Greeter>());
        var consumer = await _hosts.StartAsync(_ => { }, autofac: true, services: s => s.AddTransient<FieldLobby>());

        Assert.That(consumer.Services.GetRequiredService<FieldLobby>().Greet("autofac"), Is.EqualTo("hello autofac"));
    }

    [Test]
    public async Task ScanAssemblies_ExportsRpcServiceClasses_WithTheirReferencesSet()
    {
        var provider = await _hosts.StartAsync(b => b.ScanAssemblies(typeof(HostTests).Assembly));
        var keys = provider.Services.GetRequiredService<BhrpcRuntime>().Server!.Registrations.Select(r => r.ServiceKey);
        Assert.That(keys, Is.EquivalentTo(new[] { $"{typeof(IFrontDesk).FullName}#2.0.0#", $"{typeof(IGreeter).FullName}#1.0.0#" }));

        var consumer = await _hosts.StartAsync(b => b.AddReference<IFrontDesk>("desk", r => r.Version = "2.0.0"));

        Assert.That(consumer.Services.GetRequiredService<IFrontDesk>().Welcome("scan"), Is.EqualTo("welcome, hello scan"));
    }

    [Test]
    public async Task HealthCheck_HealthyWhileRunning_UnhealthyAfterStop()
    {
        var provider = await _hosts.StartAsync(b => b.AddService<IGreeter, Greeter>());
        var health = provider.Services.GetRequiredService<HealthCheckService>();

        var running = await health.CheckHealthAsync().WaitAsync(TestHosts.Bound);
        Assert.That(running.Entries["bhrpc"].Status, Is.EqualTo(HealthStatus.Healthy), running.Entries["bhrpc"].Description);

        await provider.StopAsync().WaitAsync(TestHosts.Bound);
        var stopped = await health.CheckHealthAsync().WaitAsync(TestHosts.Bound);
        Assert.That(stopped.Entries["bhrpc"].Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(stopped.Entries["bhrpc"].Description, Does.Contain("stopped"));
    }

    [Test]
    public async Task HealthCheck_UnreachableRegistry_IsUnhealthy()
    {
        var consumer = await _hosts.StartAsync(_ => { }, new Dictionary<string, string?> { ["Bhrpc:Registry"] = "etcd://127.0.0.1:1?connectTimeout=500ms" });

        var report = await consumer.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(TestHosts.Bound);

        Assert.That(report.Entries["bhrpc"].Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(report.Entries["bhrpc"].Description, Does.Contain("etcd://127.0.0.1:1"));
    }

    [Test]
    public async Task Stop_WithACallInFlight_DeregistersFirst_ServesNewCallsInTheGracePeriod_DrainsTheCall()
    {
        var provider = await _hosts.StartAsync(b => b.AddService<IGreeter, Greeter>(), new Dictionary<string, string?> { ["Bhrpc:Server:ShutdownTimeout"] = "00:00:20" });
        var server = provider.Services.GetRequiredService<BhrpcRuntime>().Server!;
        var key = server.Registrations.Single().ServiceKey;
        var port = server.Port;
        var gate = provider.Services.GetRequiredService<Gate>();
        var consumer = await _hosts.StartAsync(b => b.AddReference<IGreeter>("greeter", r => r.Timeout = TimeSpan.FromSeconds(20)));
        var greeter = consumer.Services.GetRequiredService<IGreeter>();
        Assert.That(greeter.Hello("warm"), Is.EqualTo("hello warm"), "the connection is open before the stop");

        Assert.That(await CanConnectAsync(port), Is.True, "the port is open before the stop");
        var inFlight = greeter.SlowAsync("drained");
        await gate.Entered.WaitAsync(TestHosts.Bound);
        var stopping = provider.StopAsync();

        await using (var registry = ExtensionLoaderRegistry())
        {
            await WaitUntilAsync(async () => (await registry.DiscoverAsync(key)).Count == 0);
        }

        Assert.That(inFlight.IsCompleted, Is.False, "deregistered while the call is still running (the server has not closed)");

        // Graceful stop: consumers still connected during the grace period (ServerOptions.GracePeriod, 5 s) are served.
        Assert.That(greeter.Hello("late"), Is.EqualTo("hello late"), "a call in the grace period is served, not refused");

        gate.Release();
        Assert.That(await inFlight.WaitAsync(TestHosts.Bound), Is.EqualTo("slow drained"));
        await stopping.WaitAsync(TestHosts.Bound);
        Assert.That(await CanConnectAsync(port), Is.False, "the port is closed after the stop");
    }

    private IRegistry ExtensionLoaderRegistry()
        => Bhrpc.Extensions.ExtensionLoader.Shared.Create<IRegistryFactory>("local").Create(RegistryOptions.Parse(_hosts.Registry));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition().WaitAsync(TestHosts.Bound))
        {
            if (deadline.Elapsed > TestHosts.Bound)
            {
                Assert.Fail("the condition did not become true in time");
            }

            await Task.Delay(20);
        }
    }

    private static async Task<bool> CanConnectAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(System.Net.IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
