using Bhrpc.Boot.Internal;
using Bhrpc.Extensions;
using Bhrpc.Serialization;
using Bhrpc.Serialization.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bhrpc.Boot.Tests;

/// <summary>
/// Every extension name (serializer, load balancer, proxy, registry, filter, router, cluster) is checked when the host starts, against
/// the loader the server and the client use; an unknown name fails start naming the key, the value and the known names.
/// </summary>
public sealed class ExtensionNameTests
{
    private TestHosts _hosts = null!;

    [SetUp]
    public void SetUp()
    {
        CodeExtensions.Register();
        _hosts = new TestHosts();
    }

    [TearDown]
    public async Task TearDown() => await _hosts.DisposeAsync();

    [TestCase("Bhrpc:Server:Serializer", "jsn", "json")]
    [TestCase("Bhrpc:Consumer:Serializer", "jsn", "hessian2")]
    [TestCase("Bhrpc:References:greeter:Serializer", "jsn", "protobuf")]
    [TestCase("Bhrpc:Consumer:LoadBalancer", "leastbusy", "random")]
    [TestCase("Bhrpc:References:greeter:LoadBalancer", "leastbusy", "random")]
    [TestCase("Bhrpc:Consumer:Proxy", "javassist", "dispatch")]
    [TestCase("Bhrpc:References:greeter:Proxy", "javassist", "jdk")]
    [TestCase("Bhrpc:Registry", "redis://127.0.0.1:6379", "local")]
    [TestCase("Bhrpc:Consumer:Registry", "nacos://127.0.0.1:8848", "zookeeper")]
    [TestCase("Bhrpc:References:greeter:Registry", "nacos://127.0.0.1:8848", "etcd")]
    [TestCase("Bhrpc:Server:Filters:0", "nosuch", MarkFilter.Name)]
    [TestCase("Bhrpc:Client:Filters:0", "nosuch", MarkFilter.Name)]
    [TestCase("Bhrpc:References:greeter:Filters:0", "nosuch", MarkFilter.Name)]
    [TestCase("Bhrpc:References:greeter:Routers:0", "nosuch", ZoneRouter.Name)]
    [TestCase("Bhrpc:References:greeter:Cluster", "failfastt", "forking")]
    public void HostStart_UnknownExtensionNameInConfiguration_FailsNamingKeyValueAndKnownNames(string key, string value, string aKnownName)
    {
        var host = _hosts.Build(
            b => b.AddService<IGreeter, Greeter>().AddReference<IGreeter>("greeter"),
            new Dictionary<string, string?> { [key] = value });

        var e = Assert.ThrowsAsync<RpcException>(() => host.StartAsync().WaitAsync(TestHosts.Bound));

        Assert.Multiple(() =>
        {
            Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
            Assert.That(e.Message, Does.Contain($"'{key}'").And.Contain($"'{value}'").And.Contain(aKnownName));
        });
    }

    [TestCase("Serializer", "jsn", "json")]
    [TestCase("LoadBalancer", "leastbusy", "random")]
    [TestCase("Proxy", "javassist", "dispatch")]
    [TestCase("Registry.Type", "nacos", "local")]
    [TestCase("Cluster", "failfastt", "failover")]
    [TestCase("Filters", "nosuch", MarkFilter.Name)]
    [TestCase("Routers", "nosuch", ZoneRouter.Name)]
    public void HostStart_UnknownExtensionNameSetInCode_FailsNamingTheReferenceAndTheProperty(string property, string value, string aKnownName)
    {
        var host = _hosts.Build(b => b.AddReference<IGreeter>("greeter", r =>
        {
            switch (property)
            {
                case "Serializer": r.Serializer = value; break;
                case "LoadBalancer": r.LoadBalancer = value; break;
                case "Proxy": r.Proxy = value; break;
                case "Cluster": r.Cluster = value; break;
                case "Filters": r.Filters.Add(value); break;
                case "Routers": r.Routers.Add(value); break;
                default: r.Registry = new RegistryOptions { Type = value }; break;
            }
        }));

        var e = Assert.ThrowsAsync<RpcException>(() => host.StartAsync().WaitAsync(TestHosts.Bound));

        Assert.That(e!.Message, Does.Contain("reference 'greeter'")
            .And.Contain($"ReferenceOptions.{property} is '{value}'")
            .And.Contain(aKnownName));
    }

    [Test]
    public async Task HostStart_NamesRegisteredInCode_StartAndCallThroughThem()
    {
        await _hosts.StartAsync(
            b => b.AddService<IGreeter, Greeter>(),
            new Dictionary<string, string?> { ["Bhrpc:Server:Serializer"] = CodeExtensions.Serializer });
        var consumer = await _hosts.StartAsync(
            b => b.AddReference<IGreeter>("greeter"),
            new Dictionary<string, string?>
            {
                ["Bhrpc:Consumer:Serializer"] = CodeExtensions.Serializer,
                ["Bhrpc:References:greeter:LoadBalancer"] = CodeExtensions.LoadBalancer,
                ["Bhrpc:References:greeter:Proxy"] = CodeExtensions.Proxy,
            });

        var greeter = consumer.Services.GetRequiredService<IGreeter>();

        Assert.That(greeter.Hello("plug-in"), Is.EqualTo("hello plug-in"));
    }

    [Test]
    public void Read_NameKnownOnlyToTheGivenLoader_IsAcceptedAndUsedByTheServer()
    {
        var loader = new ExtensionLoader(new ExtensionLoaderOptions()).Register<IRpcSerializer>("onlyhere", static () => new JsonRpcSerializer());
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Bhrpc:Server:Serializer"] = "onlyhere" })
            .Build();

        var settings = BhrpcSettings.Read(configuration, loader);

        Assert.Multiple(() =>
        {
            Assert.That(settings.ServerOptions.Serializer, Is.EqualTo("onlyhere"));
            Assert.That(settings.ServerOptions.Extensions, Is.SameAs(loader));
            Assert.That(() => BhrpcSettings.Read(configuration), Throws.TypeOf<RpcException>().With.Message.Contain("Bhrpc:Server:Serializer"), "the shared loader has no 'onlyhere'");
        });
    }
}
