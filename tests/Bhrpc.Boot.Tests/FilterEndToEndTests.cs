using Microsoft.Extensions.DependencyInjection;

namespace Bhrpc.Boot.Tests;

/// <summary>
/// Filters and per-method settings configured only in appsettings run on real calls between two hosts. The filter is
/// <see cref="MarkFilter"/>, a class of this test assembly: it marks a string result, so the value shows which
/// filters ran and in which order (outermost last).
/// </summary>
public sealed class FilterEndToEndTests
{
    private TestHosts _hosts = null!;

    [SetUp]
    public void SetUp() => _hosts = new TestHosts();

    [TearDown]
    public async Task TearDown() => await _hosts.DisposeAsync();

    [Test]
    public async Task Call_ServerAndServiceFiltersFromAppsettings_RunAroundTheServiceMethod()
    {
        await _hosts.StartAsync(_ => { }, new Dictionary<string, string?>
        {
            ["Bhrpc:Server:Filters:0:Name"] = MarkFilter.Name,
            ["Bhrpc:Server:Filters:0:Text"] = "server",
            ["Bhrpc:Services:0:Interface"] = typeof(IGreeter).AssemblyQualifiedName,
            ["Bhrpc:Services:0:Implementation"] = typeof(Greeter).AssemblyQualifiedName,
            ["Bhrpc:Services:0:Filters:0:Name"] = MarkFilter.Name,
            ["Bhrpc:Services:0:Filters:0:Text"] = "service",
            ["Bhrpc:Services:0:Filters:0:Repeat"] = "2",
        });
        var consumer = await _hosts.StartAsync(b => b.AddReference<IGreeter>("greeter"));

        var greeting = consumer.Services.GetRequiredService<IGreeter>().Hello("ada");

        Assert.That(greeting, Is.EqualTo("hello ada [service] [service] [server]"), "the server's filter is outermost, the service's runs inside it");
    }

    [Test]
    public async Task Call_ServiceListRemovesTheServerFilter_ForThatServiceOnly()
    {
        await _hosts.StartAsync(_ => { }, new Dictionary<string, string?>
        {
            ["Bhrpc:Server:Filters:0:Name"] = MarkFilter.Name,
            ["Bhrpc:Server:Filters:0:Text"] = "server",
            ["Bhrpc:Services:0:Interface"] = typeof(IGreeter).AssemblyQualifiedName,
            ["Bhrpc:Services:0:Implementation"] = typeof(Greeter).AssemblyQualifiedName,
            ["Bhrpc:Services:0:Filters:0"] = "-" + MarkFilter.Name,
            ["Bhrpc:Services:1:Interface"] = typeof(IEcho).AssemblyQualifiedName,
            ["Bhrpc:Services:1:Implementation"] = typeof(Echo).AssemblyQualifiedName,
        });
        var consumer = await _hosts.StartAsync(b => b.AddReference<IGreeter>("greeter").AddReference<IEcho>("echo"));

        Assert.Multiple(() =>
        {
            Assert.That(consumer.Services.GetRequiredService<IGreeter>().Hello("ada"), Is.EqualTo("hello ada"));
            Assert.That(consumer.Services.GetRequiredService<IEcho>().Echo("ada"), Is.EqualTo("ada [server]"));
        });
    }

    [Test]
    public void HostStart_ServerFilterWithABadSetting_FailsNamingTheSettingsKey()
    {
        var host = _hosts.Build(b => b.AddService<IGreeter, Greeter>(), new Dictionary<string, string?>
        {
            ["Bhrpc:Server:Filters:0:Name"] = MarkFilter.Name,
            ["Bhrpc:Server:Filters:0:Text"] = "server",
            ["Bhrpc:Server:Filters:0:Repeat"] = "6",
        });

        var e = Assert.ThrowsAsync<RpcException>(() => host.StartAsync().WaitAsync(TestHosts.Bound));

        Assert.That(e!.Message, Does.Contain("Bhrpc:Server:Filters:0:repeat: ").And.Contain("between 1 and 5"));
    }

    [Test]
    public async Task Call_ClientAndReferenceFiltersFromAppsettings_RunAroundTheCall()
    {
        await _hosts.StartAsync(b => b.AddService<IGreeter, Greeter>());
        var consumer = await _hosts.StartAsync(b => b.AddReference<IGreeter>("greeter"), new Dictionary<string, string?>
        {
            ["Bhrpc:Client:Filters:0:Name"] = MarkFilter.Name,
            ["Bhrpc:Client:Filters:0:Text"] = "client",
            ["Bhrpc:References:greeter:Filters:0:Name"] = MarkFilter.Name,
            ["Bhrpc:References:greeter:Filters:0:Text"] = "reference",
        });

        var greeting = consumer.Services.GetRequiredService<IGreeter>().Hello("ada");

        Assert.That(greeting, Is.EqualTo("hello ada [reference] [client]"), "the client's filter is outermost, the reference's runs inside it");
    }

    [Test]
    public async Task Call_ReferenceListRemovesTheClientFilter_ForThatReferenceOnly()
    {
        await _hosts.StartAsync(b => b.AddService<IGreeter, Greeter>().AddService<IEcho, Echo>());
        var consumer = await _hosts.StartAsync(b => b.AddReference<IGreeter>("greeter").AddReference<IEcho>("echo"), new Dictionary<string, string?>
        {
            ["Bhrpc:Client:Filters:0:Name"] = MarkFilter.Name,
            ["Bhrpc:Client:Filters:0:Text"] = "client",
            ["Bhrpc:References:greeter:Filters:0"] = "-" + MarkFilter.Name,
        });

        Assert.Multiple(() =>
        {
            Assert.That(consumer.Services.GetRequiredService<IGreeter>().Hello("ada"), Is.EqualTo("hello ada"));
            Assert.That(consumer.Services.GetRequiredService<IEcho>().Echo("ada"), Is.EqualTo("ada [client]"));
        });
    }

    [Test]
    public async Task Call_MethodTimeoutFromAppsettings_AppliesToThatMethodOnly()
    {
        var provider = await _hosts.StartAsync(b => b.AddService<IGreeter, Greeter>());
        var gate = provider.Services.GetRequiredService<Gate>();
        var consumer = await _hosts.StartAsync(b => b.AddReference<IGreeter>("greeter"), new Dictionary<string, string?>
        {
            ["Bhrpc:References:greeter:Timeout"] = "10s",
            ["Bhrpc:References:greeter:Methods:SlowAsync:Timeout"] = "300ms",
        });
        var greeter = consumer.Services.GetRequiredService<IGreeter>();

        try
        {
            var e = Assert.ThrowsAsync<RpcException>(() => greeter.SlowAsync("ada").WaitAsync(TestHosts.Bound));
            Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Timeout));
            Assert.That(greeter.Hello("ada"), Is.EqualTo("hello ada"));
        }
        finally
        {
            gate.Release();
        }
    }
}
