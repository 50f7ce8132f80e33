using Autofac;
using Bhrpc.Attributes;
using Bhrpc.Spring.Autofac;
using Bhrpc.Spring.Tests.Attributes;

namespace Bhrpc.Spring.Tests.Autofac;

/// <summary>Provider and consumer containers calling each other for real over loopback, with a local registry in a temp folder.</summary>
public sealed class BhrpcModuleTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly List<IContainer> _containers = [];
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "bhrpc-autofac-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var container in _containers)
        {
            await container.DisposeAsync().AsTask().WaitAsync(Bound);
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task RpcServiceComponent_IsExported_AndAReferenceFieldOfAnotherContainerCallsIt()
    {
        var provider = Build(b => b.RegisterType<Greeter>());
        Assert.That(provider.Resolve<BhrpcRuntime>().Server?.Port, Is.GreaterThan(0), "the server is listening once the container is built");

        var consumer = Build(b => b.RegisterType<OrderDesk>(), registerBeforeModule: true);
        var desk = consumer.Resolve<OrderDesk>();

        Assert.That(desk.Greet("autofac"), Is.EqualTo("hello autofac"));
        Assert.That(await desk.GreetAsync("autofac").WaitAsync(Bound), Is.EqualTo("hello autofac (async)"));
    }

    [Test]
    public async Task RegisterRpcReference_ResolveGivesAWorkingProxy()
    {
        Build(b => b.RegisterType<Greeter>());
        var consumer = Build(b => b.RegisterRpcReference<IGreeter>(r => r.Timeout = TimeSpan.FromSeconds(5)));

        var greeter = consumer.Resolve<IGreeter>();

        Assert.That(greeter.Hello("proxy"), Is.EqualTo("hello proxy"));
        Assert.That(await greeter.HelloAsync("proxy").WaitAsync(Bound), Is.EqualTo("hello proxy (async)"));
        Assert.That(consumer.Resolve<IGreeter>(), Is.SameAs(greeter), "one proxy per container");
    }

    [Test]
    public void ConsumerDefaults_AndReferenceSettings_SelectTheExportedVersion()
    {
        Build(b =>
        {
            b.RegisterType<Greeter>();
            b.RegisterType<CustomGreeter>();
        });

        // Module defaults pick greeter#2.0.0#blue; the reference's own settings win over them.
        var consumer = Build(
            b =>
            {
                b.RegisterRpcReference<IGreeter>(r => r.ServiceName = "greeter");
                b.RegisterType<OrderDesk>();
            },
            consumer: new ConsumerDefaults { Version = "2.0.0", Group = "blue" });

        Assert.That(consumer.Resolve<IGreeter>().Hello("v2"), Is.EqualTo("hi v2 from v2"));

        // OrderDesk's field names no service name: IGreeter#2.0.0#blue is not exported.
        var error = Assert.Throws<RpcException>(() => consumer.Resolve<OrderDesk>().Greet("v1"));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.NoProvider));
    }

    [Test]
    public async Task DisposingTheProviderContainer_StopsTheServer()
    {
        var provider = Build(b => b.RegisterType<Greeter>());
        var consumer = Build(b => b.RegisterType<OrderDesk>());
        var desk = consumer.Resolve<OrderDesk>();
        Assert.That(desk.Greet("before"), Is.EqualTo("hello before"));

        _containers.Remove(provider);
        await provider.DisposeAsync().AsTask().WaitAsync(Bound);

        var error = Assert.Throws<RpcException>(() => desk.Greet("after"));
        Assert.That(error!.StatusCode, Is.AnyOf(RpcStatusCode.ConnectionClosed, RpcStatusCode.NoProvider));
    }

    [Test]
    public void SynchronousDispose_AlsoStopsTheServer()
    {
        var provider = Build(b => b.RegisterType<Greeter>());
        var consumer = Build(b => b.RegisterType<OrderDesk>());
        var desk = consumer.Resolve<OrderDesk>();
        Assert.That(desk.Greet("before"), Is.EqualTo("hello before"));

        _containers.Remove(provider);
        provider.Dispose();

        Assert.That(() => desk.Greet("after"), Throws.TypeOf<RpcException>());
    }

    [Test]
    public void ScanAssemblies_ExportsEveryRpcServiceClass()
    {
        var provider = Build(_ => { }, scan: true);
        var registrations = provider.Resolve<BhrpcRuntime>().Server!.Registrations;

        Assert.That(registrations.Select(r => $"{r.ServiceName}#{r.Version}#{r.Group}"), Is.EquivalentTo(new[]
        {
            $"{typeof(IGreeter).FullName}#1.0.0#",
            "greeter#2.0.0#blue",
        }));
        Assert.That(provider.Resolve<Greeter>(), Is.Not.Null, "scanned classes are registered as themselves");

        var consumer = Build(b => b.RegisterRpcReference<IGreeter>());
        Assert.That(consumer.Resolve<IGreeter>().Hello("scan"), Is.EqualTo("hello scan"));
    }

    [Test]
    public void NoRpcService_StartsNoServer()
        => Assert.That(Build(b => b.RegisterType<OrderDesk>()).Resolve<BhrpcRuntime>().Server, Is.Null);

    [Test]
    public void EveryKindOfReferenceMember_IsInjectedOnActivation()
    {
        var consumer = Build(b => b.RegisterType<GreeterHolder>());
        var holder = consumer.Resolve<GreeterHolder>();

        Assert.Multiple(() =>
        {
            Assert.That(holder.ReadonlyField, Is.Not.Null);
            Assert.That(holder.PrivateField, Is.Not.Null);
            Assert.That(holder.PrivatePropertyValue, Is.Not.Null);
            Assert.That(holder.Inherited, Is.Not.Null);
        });
    }

    [Test]
    public void ClassTypedReference_ResolveFailsNamingTheMember()
    {
        var consumer = Build(b => b.RegisterType<ClassTypedHolder>());

        var error = Assert.Catch(() => consumer.Resolve<ClassTypedHolder>());
        Assert.That(error!.ToString(), Does.Contain($"{typeof(ClassTypedHolder).FullName}._notAnInterface"));
    }

    [Test]
    public void BadRegistryUrl_FailsAtBuildNamingTheUrl()
    {
        var builder = new ContainerBuilder();
        builder.RegisterModule(new BhrpcModule { Registry = "not-a-url" });

        var error = Assert.Catch(() => builder.Build());
        Assert.That(error!.ToString(), Does.Contain("not-a-url"));
    }

    private IContainer Build(Action<ContainerBuilder> register, ConsumerDefaults? consumer = null, bool scan = false, bool registerBeforeModule = false)
    {
        var builder = new ContainerBuilder();
        if (registerBeforeModule)
        {
            register(builder);
        }

        builder.RegisterModule(new BhrpcModule
        {
            Registry = $"local://{_folder}",
            Server = { Port = 0 },
            Consumer = consumer ?? new ConsumerDefaults(),
            ScanAssemblies = scan ? [typeof(Greeter).Assembly] : [],
        });
        if (!registerBeforeModule)
        {
            register(builder);
        }

        var container = builder.Build();
        _containers.Add(container);
        return container;
    }
}
