using Bhrpc.Metadata;
using Bhrpc.Boot.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bhrpc.Boot.Tests;

/// <summary>Every key maps onto the Core options; bad values fail with the key named.</summary>
public sealed class ConfigurationTests
{
    private static BhrpcSettings Read(IDictionary<string, string?> values)
        => BhrpcSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Test]
    public void Read_EveryServerAndConsumerKey_MapsOntoCoreOptions()
    {
        CodeExtensions.Register();
        var settings = Read(new Dictionary<string, string?>
        {
            ["Bhrpc:Registry"] = "zookeeper://10.0.0.1:2181/root?sessionTimeout=2s",
            ["Bhrpc:Server:Host"] = "0.0.0.0",
            ["Bhrpc:Server:Port"] = "27880",
            ["Bhrpc:Server:AdvertiseHost"] = "10.1.2.3",
            ["Bhrpc:Server:Serializer"] = "hessian2",
            ["Bhrpc:Server:HeartbeatInterval"] = "00:00:07",
            ["Bhrpc:Server:MaxFrameSize"] = "4096",
            ["Bhrpc:Server:ShutdownTimeout"] = "00:00:03",
            ["Bhrpc:Server:GracePeriod"] = "2500ms",
            ["Bhrpc:Client:EjectionBackoff"] = "200ms",
            ["Bhrpc:Client:MaxEjectionBackoff"] = "00:00:04",
            ["Bhrpc:Client:EjectAfterFailures"] = "5",
            ["Bhrpc:Consumer:Version"] = "2.0.0",
            ["Bhrpc:Consumer:Group"] = "blue",
            ["Bhrpc:Consumer:Registry"] = "etcd://10.0.0.2:2379",
            ["Bhrpc:Consumer:Serializer"] = "protobuf",
            ["Bhrpc:Consumer:Timeout"] = "00:00:02",
            ["Bhrpc:Consumer:LoadBalancer"] = CodeExtensions.LoadBalancer,
            ["Bhrpc:Consumer:Proxy"] = CodeExtensions.Proxy,
            ["Bhrpc:Consumer:Oneway"] = "true",
            ["Bhrpc:Consumer:MethodNaming"] = "camelCase",
            ["Bhrpc:Consumer:Cluster"] = "failover",
            ["Bhrpc:Consumer:Retries"] = "4",
            ["Bhrpc:Consumer:AttemptTimeout"] = "300ms",
            ["Bhrpc:Consumer:Lazy"] = "false",
        });

        var server = settings.ServerOptions;
        Assert.Multiple(() =>
        {
            Assert.That(server.Registry.Type, Is.EqualTo("zookeeper"));
            Assert.That(server.Registry.Address, Is.EqualTo("10.0.0.1:2181"));
            Assert.That(server.Registry.Root, Is.EqualTo("/root"));
            Assert.That(server.Registry.SessionTimeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(server.Host, Is.EqualTo("0.0.0.0"));
            Assert.That(server.Port, Is.EqualTo(27880));
            Assert.That(server.AdvertiseHost, Is.EqualTo("10.1.2.3"));
            Assert.That(server.Serializer, Is.EqualTo("hessian2"));
            Assert.That(server.HeartbeatInterval, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(server.MaxFrameSize, Is.EqualTo(4096));
            Assert.That(server.ShutdownTimeout, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(server.GracePeriod, Is.EqualTo(TimeSpan.FromMilliseconds(2500)));
            Assert.That(settings.ClientOptions.EjectionBackoff, Is.EqualTo(TimeSpan.FromMilliseconds(200)));
            Assert.That(settings.ClientOptions.MaxEjectionBackoff, Is.EqualTo(TimeSpan.FromSeconds(4)));
            Assert.That(settings.ClientOptions.EjectAfterFailures, Is.EqualTo(5));
            Assert.That(settings.ClientOptions.Registry.Address, Is.EqualTo("10.0.0.1:2181"), "the client's registry is Bhrpc:Registry");
        });

        // Oneway: the contract's methods must not return values.
        var reference = settings.NewReference("any", typeof(IAuditLog), configure: null);
        Assert.Multiple(() =>
        {
            Assert.That(reference.Version, Is.EqualTo("2.0.0"));
            Assert.That(reference.Group, Is.EqualTo("blue"));
            Assert.That(reference.Registry?.Type, Is.EqualTo("etcd"));
            Assert.That(reference.Registry?.Address, Is.EqualTo("10.0.0.2:2379"));
            Assert.That(reference.Serializer, Is.EqualTo("protobuf"));
            Assert.That(reference.Timeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(reference.LoadBalancer, Is.EqualTo(CodeExtensions.LoadBalancer));
            Assert.That(reference.Proxy, Is.EqualTo(CodeExtensions.Proxy));
            Assert.That(reference.Oneway, Is.True);
            Assert.That(reference.MethodNaming, Is.EqualTo(MethodNaming.CamelCase));
            Assert.That(reference.Cluster.Name, Is.EqualTo("failover"));
            Assert.That(reference.Retries, Is.EqualTo(4));
            Assert.That(reference.AttemptTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(300)));
            Assert.That(reference.Lazy, Is.False);
        });
    }

    [Test]
    public void NewReference_ReferenceKeysWinOverCodeAndConsumerDefaults()
    {
        CodeExtensions.Register();
        var settings = Read(new Dictionary<string, string?>
        {
            ["Bhrpc:Consumer:Version"] = "2.0.0",
            ["Bhrpc:Consumer:Timeout"] = "00:00:02",
            ["Bhrpc:Consumer:Group"] = "blue",
            ["Bhrpc:References:greeter:Interface"] = typeof(IGreeter).AssemblyQualifiedName,
            ["Bhrpc:References:greeter:Version"] = "3.0.0",
            ["Bhrpc:References:greeter:Registry"] = "local:///tmp/elsewhere",
            ["Bhrpc:References:greeter:DirectAddress"] = "127.0.0.1:1234,127.0.0.1:1235",
            ["Bhrpc:References:greeter:Serializer"] = "hessian2",
            ["Bhrpc:References:greeter:Timeout"] = "1500ms",
            ["Bhrpc:References:greeter:Oneway"] = "false",
            ["Bhrpc:References:greeter:LoadBalancer"] = CodeExtensions.LoadBalancer,
            ["Bhrpc:References:greeter:Proxy"] = "dispatch",
            ["Bhrpc:References:greeter:ServiceName"] = "demo.Greeter",
        });

        var reference = settings.NewReference("greeter", typeof(IGreeter), r =>
        {
            r.Version = "9.9.9";
            r.Group = "green";
            r.Timeout = TimeSpan.FromSeconds(30);
        });

        Assert.Multiple(() =>
        {
            Assert.That(reference.Version, Is.EqualTo("3.0.0"), "configuration over code");
            Assert.That(reference.Group, Is.EqualTo("green"), "code over Bhrpc:Consumer");
            Assert.That(reference.Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
            Assert.That(reference.Registry?.Address, Is.EqualTo("/tmp/elsewhere"));
            Assert.That(reference.DirectAddress, Is.EqualTo("127.0.0.1:1234,127.0.0.1:1235"));
            Assert.That(reference.Serializer, Is.EqualTo("hessian2"));
            Assert.That(reference.Oneway, Is.False);
            Assert.That(reference.LoadBalancer, Is.EqualTo(CodeExtensions.LoadBalancer));
            Assert.That(reference.Proxy, Is.EqualTo("dispatch"));
            Assert.That(reference.ServiceName, Is.EqualTo("demo.Greeter"));
        });
    }

    [Test]
    public void Read_ServicesSection_ResolvesTypesAndSettings()
    {
        var settings = Read(new Dictionary<string, string?>
        {
            ["Bhrpc:Services:0:Interface"] = typeof(IGreeter).AssemblyQualifiedName,
            ["Bhrpc:Services:0:Implementation"] = typeof(Greeter).AssemblyQualifiedName,
            ["Bhrpc:Services:0:Version"] = "2.1.0",
            ["Bhrpc:Services:0:Group"] = "g",
            ["Bhrpc:Services:0:Weight"] = "7",
            ["Bhrpc:Services:0:ServiceName"] = "demo.Greeter",
        });

        var service = settings.Services.Single().ToServiceOptions(new Greeter(new Gate()));
        Assert.That(service.Key, Is.EqualTo("demo.Greeter#2.1.0#g"));
        Assert.That(service.Weight, Is.EqualTo(7));
    }

    [Test]
    public void Read_EnvironmentVariable_OverridesTheFile()
    {
        Environment.SetEnvironmentVariable("Bhrpc__Server__Port", "28111");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Bhrpc:Server:Port"] = "27000" })
                .AddEnvironmentVariables()
                .Build();

            Assert.That(BhrpcSettings.Read(configuration).ServerOptions.Port, Is.EqualTo(28111));
        }
        finally
        {
            Environment.SetEnvironmentVariable("Bhrpc__Server__Port", null);
        }
    }

    [TestCase("Bhrpc:Server:Port", "70000", "an integer 0..65535")]
    [TestCase("Bhrpc:Server:Port", "abc", "an integer 0..65535")]
    [TestCase("Bhrpc:Registry", "redis://x:1", "a registry URL")]
    [TestCase("Bhrpc:Registry", "zookeeper://", "a registry URL")]
    [TestCase("Bhrpc:Server:ShutdownTimeout", "soon", "TimeSpan")]
    [TestCase("Bhrpc:Server:HeartbeatInterval", "00:00:00", "positive TimeSpan")]
    [TestCase("Bhrpc:Consumer:Timeout", "-00:00:01", "positive TimeSpan")]
    [TestCase("Bhrpc:Consumer:Oneway", "yes", "true or false")]
    [TestCase("Bhrpc:Services:0:Interface", "No.Such.IType, Nowhere", "Namespace.Type, Assembly")]
    [TestCase("Bhrpc:Server:Prot", "1", "the keys of Bhrpc:Server")]
    [TestCase("Bhrpc:Server:GracePeriod", "-00:00:01", "not negative")]
    [TestCase("Bhrpc:Server:GracePeriod", "a while", "not negative")]
    [TestCase("Bhrpc:Client:EjectionBackoff", "0s", "positive TimeSpan")]
    [TestCase("Bhrpc:Client:EjectionBackoff", "later", "positive TimeSpan")]
    [TestCase("Bhrpc:Client:MaxEjectionBackoff", "00:00:00", "positive TimeSpan")]
    [TestCase("Bhrpc:Client:MaxEjectionBackoff", "500ms", "at least Bhrpc:Client:EjectionBackoff")]
    [TestCase("Bhrpc:Client:EjectionBackoff", "00:01:00", "at least Bhrpc:Client:EjectionBackoff")]
    [TestCase("Bhrpc:Client:EjectAfterFailures", "0", "an integer 1..")]
    [TestCase("Bhrpc:Client:EjectAfterFailures", "three", "an integer 1..")]
    [TestCase("Bhrpc:Client:Eject", "1", "the keys of Bhrpc:Client")]
    public void Read_BadValue_FailsNamingTheKeyAndTheExpectedForm(string key, string value, string expected)
    {
        var e = Assert.Throws<RpcException>(() => Read(new Dictionary<string, string?> { [key] = value }));
        Assert.That(e!.Message, Does.Contain(key).And.Contain(expected));
    }

    [Test]
    public void Read_GracePeriodZero_SkipsTheGracePeriod()
    {
        Assert.That(Read(new Dictionary<string, string?> { ["Bhrpc:Server:GracePeriod"] = "0s" }).ServerOptions.GracePeriod, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Read_NoServerOrClientKeys_KeepsCoreDefaults()
    {
        var settings = Read(new Dictionary<string, string?>());

        Assert.Multiple(() =>
        {
            Assert.That(settings.ServerOptions.GracePeriod, Is.EqualTo(new ServerOptions().GracePeriod));
            Assert.That(settings.ClientOptions.EjectionBackoff, Is.EqualTo(new ClientOptions().EjectionBackoff));
            Assert.That(settings.ClientOptions.MaxEjectionBackoff, Is.EqualTo(new ClientOptions().MaxEjectionBackoff));
            Assert.That(settings.ClientOptions.EjectAfterFailures, Is.EqualTo(new ClientOptions().EjectAfterFailures));
        });
    }

    [Test]
    public void Read_MaxEjectionBackoffEqualToTheBackoff_Binds()
    {
        var settings = Read(new Dictionary<string, string?> { ["Bhrpc:Client:EjectionBackoff"] = "2s", ["Bhrpc:Client:MaxEjectionBackoff"] = "00:00:02" });

        Assert.That(settings.ClientOptions.MaxEjectionBackoff, Is.EqualTo(settings.ClientOptions.EjectionBackoff));
    }

    [Test]
    public void Read_MaxEjectionBackoffBelowTheBackoff_FailsNamingTheMaximumAndQuotingCore()
    {
        var e = Assert.Throws<RpcException>(() => Read(new Dictionary<string, string?> { ["Bhrpc:Client:EjectionBackoff"] = "10s", ["Bhrpc:Client:MaxEjectionBackoff"] = "5s" }));

        Assert.That(e!.Message, Does.StartWith("configuration key 'Bhrpc:Client:MaxEjectionBackoff' has the invalid value '5s'").And.Contain("ClientOptions.MaxEjectionBackoff must be at least"));
    }

    [Test]
    public async Task HostStart_ClientKeys_ReachTheHostsClient()
    {
        await using var hosts = new TestHosts();
        var host = await hosts.StartAsync(_ => { }, new Dictionary<string, string?> { ["Bhrpc:Client:EjectionBackoff"] = "250ms", ["Bhrpc:Client:EjectAfterFailures"] = "7" });

        var client = host.Services.GetRequiredService<BhrpcRuntime>().Client.Options;
        Assert.That(client.EjectionBackoff, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
        Assert.That(client.EjectAfterFailures, Is.EqualTo(7));
    }

    [Test]
    public void NewReference_BadTimeout_FailsNamingTheKey()
    {
        var settings = Read(new Dictionary<string, string?> { ["Bhrpc:References:greeter:Timeout"] = "later" });
        var e = Assert.Throws<RpcException>(() => settings.NewReference("greeter", typeof(IGreeter), null));
        Assert.That(e!.Message, Does.Contain("Bhrpc:References:greeter:Timeout").And.Contain("TimeSpan"));
    }

    [Test]
    public async Task HostStart_UnknownReferenceInterface_FailsNamingTheKey()
    {
        await using var hosts = new TestHosts();
        var host = hosts.Build(_ => { }, new Dictionary<string, string?> { ["Bhrpc:References:orders:Interface"] = "No.Such.IOrders, Nowhere" });

        var e = Assert.ThrowsAsync<RpcException>(() => host.StartAsync().WaitAsync(TestHosts.Bound));
        Assert.That(e!.Message, Does.Contain("Bhrpc:References:orders:Interface"));
    }

    [Test]
    public async Task HostStart_BadPort_FailsNamingTheKey()
    {
        await using var hosts = new TestHosts();
        var host = hosts.Build(b => b.AddService<IGreeter, Greeter>(), new Dictionary<string, string?> { ["Bhrpc:Server:Port"] = "-1" });

        var e = Assert.ThrowsAsync<RpcException>(() => host.StartAsync().WaitAsync(TestHosts.Bound));
        Assert.That(e!.Message, Does.Contain("Bhrpc:Server:Port"));
    }

    [TestCase("00:00:40", "00:00:12", 40 + 12)]
    [TestCase("00:00:40", "0s", 40)]
    [TestCase("00:00:40", null, 40 + 5)]
    [TestCase(null, "00:00:20", 10 + 20)]
    public async Task AddBhrpc_HostShutdownTimeout_CoversTheGracePeriodAndTheDrainPlusAMargin(string? drain, string? grace, int seconds)
    {
        // Missing keys count with Core's defaults: ShutdownTimeout 10 s, GracePeriod 5 s. Every case is above the host's own 30 s.
        await using var hosts = new TestHosts();
        var host = hosts.Build(_ => { }, new Dictionary<string, string?> { ["Bhrpc:Server:ShutdownTimeout"] = drain, ["Bhrpc:Server:GracePeriod"] = grace });

        var options = host.Services.GetRequiredService<IOptions<HostOptions>>().Value;
        Assert.That(options.ShutdownTimeout, Is.EqualTo(TimeSpan.FromSeconds(seconds) + BhrpcServiceCollectionExtensions.ShutdownMargin));
    }

    [Test]
    public async Task AddBhrpc_HostShutdownTimeoutAlreadyLonger_IsKept()
    {
        await using var hosts = new TestHosts();
        var host = hosts.Build(_ => { }, new Dictionary<string, string?> { ["Bhrpc:Server:GracePeriod"] = "1s" }, services: s => s.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromMinutes(2)));

        var options = host.Services.GetRequiredService<IOptions<HostOptions>>().Value;
        Assert.That(options.ShutdownTimeout, Is.EqualTo(TimeSpan.FromMinutes(2)));
    }

    [Test]
    public void All_ListsEveryKeyPattern()
    {
        Assert.That(BhrpcConfigurationKeys.All, Does.Contain("Bhrpc:Registry")
            .And.Contain("Bhrpc:Server:Port")
            .And.Contain("Bhrpc:Server:ShutdownTimeout")
            .And.Contain("Bhrpc:Server:GracePeriod")
            .And.Contain("Bhrpc:Client:EjectionBackoff")
            .And.Contain("Bhrpc:Client:MaxEjectionBackoff")
            .And.Contain("Bhrpc:Client:EjectAfterFailures")
            .And.Contain("Bhrpc:Consumer:Timeout")
            .And.Contain("Bhrpc:References:{name}:Timeout")
            .And.Contain("Bhrpc:Services:{i}:Implementation")
            .And.Contain("Bhrpc:Extensions:PluginFolder")
            .And.Contain("Bhrpc:Server:Filters:{i}:Name")
            .And.Contain("Bhrpc:Client:Filters:{i}:{setting}")
            .And.Contain("Bhrpc:References:{name}:Cluster")
            .And.Contain("Bhrpc:References:{name}:Cluster:{setting}")
            .And.Contain("Bhrpc:References:{name}:Routers:{i}")
            .And.Contain("Bhrpc:References:{name}:Methods:{method}:Idempotent")
            .And.Contain("Bhrpc:Services:{i}:Methods:{method}:Timeout")
            .And.Contain("Bhrpc:Services:{i}:Tag")
            .And.Contain("Bhrpc:Consumer:Cluster:{setting}")
            .And.Contain("Bhrpc:Consumer:Lazy"));

        // Registry; Extensions 1; Server 7 + GracePeriod + a filter list (3 patterns); Client 3 ejection keys + a filter
        // list; Consumer 9 + Cluster 3 + Retries, AttemptTimeout, Lazy; References 12 + Cluster 3 + Retries, AttemptTimeout, Lazy + filter and router lists 3 + 3 +
        // 5 method keys; Services 7 + Tag + a filter list + 1 method key.
        Assert.That(BhrpcConfigurationKeys.All, Has.Count.EqualTo(1 + 1 + (7 + 1 + 3) + (3 + 3) + (9 + 3 + 3) + (12 + 3 + 3 + 3 + 3 + 5) + (7 + 1 + 3 + 1)));
        Assert.That(BhrpcConfigurationKeys.All, Is.Unique);
    }
}
