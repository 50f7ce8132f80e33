using Bhrpc.Spring.Context;
using Bhrpc.Spring.Rpc;
using Bhrpc.Spring.Tests.Context;

namespace Bhrpc.Spring.Tests.Rpc;

/// <summary>Provider and consumer XML contexts calling each other over loopback through a local registry in a temp folder.</summary>
[NonParallelizable]
public sealed class RpcNamespaceCallTests
{
    public const string RegistryVariable = "BHRPC_RPCNS_REGISTRY";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly List<XmlApplicationContext> _contexts = [];
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "bhrpc-rpcns-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        Environment.SetEnvironmentVariable(RegistryVariable, _folder);
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var context in Enumerable.Reverse(_contexts))
        {
            await context.DisposeAsync().AsTask().WaitAsync(Bound);
        }

        Environment.SetEnvironmentVariable(RegistryVariable, null);
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Service_ExportedFromXml_IsCalledThroughAReference_SyncAndAsync()
    {
        var provider = Open("provider.xml");
        var exporter = provider.GetObject<RpcServerExporter>("server");
        Assert.That(exporter.Server?.Port, Is.GreaterThan(0), "port 0 binds an ephemeral port and the server is listening after construction");

        var consumer = Open("consumer.xml");
        var echo = consumer.GetObject<IEcho>("echo");

        Assert.That(echo.Echo("xml"), Is.EqualTo("v1 blue: xml"));
        Assert.That(await echo.EchoAsync("xml").WaitAsync(Bound), Is.EqualTo("v1 blue async: xml"));
    }

    [Test]
    public void ConsumerDefaults_AreOverriddenByTheReferencesOwnAttributes()
    {
        Open("provider.xml");
        var consumer = Open("consumer.xml");

        Assert.Multiple(() =>
        {
            Assert.That(consumer.GetObject<IEcho>("echo").Echo("a"), Is.EqualTo("v1 blue: a"), "group and version from <rpc:consumer>");
            Assert.That(consumer.GetObject<IEcho>("echoV2").Echo("b"), Is.EqualTo("v2 blue: b"), "version from the element, group from <rpc:consumer>");
            Assert.That(consumer.GetObject<IEcho>("echoNoGroup").Echo("c"), Is.EqualTo("v1 default: c"), "an empty group on the element wins over the consumer's");
        });
    }

    [Test]
    public void ServiceAttributes_MapOntoServiceOptions()
    {
        var provider = Open("provider.xml");

        var services = provider.GetObject<RpcServerExporter>("server").Services;

        Assert.That(services.Select(s => s.Key), Is.EquivalentTo(new[]
        {
            $"{typeof(IEcho).FullName}#1.0.0#",
            $"{typeof(IEcho).FullName}#1.0.0#blue",
            $"{typeof(IEcho).FullName}#2.0.0#blue",
        }));
        Assert.That(services.Single(s => s.Group == "blue" && s.Version == "1.0.0").Weight, Is.EqualTo(3));
    }

    [Test]
    public async Task AnnotationDriven_ExportsRpcServiceClasses_AndInjectsRpcReferenceFieldsOfXmlObjects()
    {
        var provider = Open("annotated-provider.xml");
        Assert.That(provider.GetObject(typeof(Attributes.CustomGreeter).FullName!), Is.InstanceOf<Attributes.CustomGreeter>(), "each [RpcService] class becomes an object");
        Assert.That(
            provider.GetObject<RpcServerExporter>("server").Services.Select(s => s.Key),
            Is.EquivalentTo(new[] { $"{typeof(Attributes.IGreeter).FullName}#1.0.0#", "greeter#2.0.0#blue" }));

        var consumer = Open("annotated-consumer.xml");
        var client = consumer.GetObject<GreeterClient>("client");

        // Service name and version from the field's attribute, group from <rpc:consumer>.
        Assert.That(client.Call("field"), Is.EqualTo("hi field from v2"));
        Assert.That(await client.CallAsync("field").WaitAsync(Bound), Is.EqualTo("hi field from v2 (async)"));
    }

    [Test]
    public void DisposingTheProviderContext_StopsTheServer_AndCallsFail()
    {
        var provider = Open("provider.xml");
        var exporter = provider.GetObject<RpcServerExporter>("server");
        var consumer = Open("consumer.xml");
        var echo = consumer.GetObject<IEcho>("echo");
        Assert.That(echo.Echo("before"), Is.EqualTo("v1 blue: before"));

        provider.Dispose();
        _contexts.Remove(provider);

        Assert.That(exporter.Server, Is.Null, "the exporter let go of its server");
        Assert.That(Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories), Is.Empty, "the provider deregistered its services");
        var error = Assert.Throws<RpcException>(() => echo.Echo("after"));
        Assert.That(error!.StatusCode, Is.AnyOf(RpcStatusCode.ConnectionClosed, RpcStatusCode.NoProvider));
    }

    [Test]
    public async Task DisposingTheConsumerContext_DisposesItsSharedClient()
    {
        Open("provider.xml");
        var consumer = Open("consumer.xml");
        var echo = consumer.GetObject<IEcho>("echo");
        var client = consumer.GetObject<RpcClient>(RpcConfiguration.ClientId);
        Assert.That(consumer.GetObject<IEcho>("echoV2").Echo("x"), Is.EqualTo("v2 blue: x"));
        Assert.That(consumer.GetObject<RpcClient>(RpcConfiguration.ClientId), Is.SameAs(client), "one client per context");

        await consumer.DisposeAsync().AsTask().WaitAsync(Bound);
        _contexts.Remove(consumer);

        Assert.That(Assert.Throws<RpcException>(() => client.CreateProxy<IEcho>())!.StatusCode, Is.EqualTo(RpcStatusCode.Unavailable));
        Assert.That(echo, Is.Not.Null);
    }

    private XmlApplicationContext Open(string name)
    {
        var context = new XmlApplicationContext(TestFiles.Path(Path.Combine("rpc", name)));
        _contexts.Add(context);
        return context;
    }
}
