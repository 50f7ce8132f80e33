using Autofac;
using Bhrpc.Attributes;
using Bhrpc.Extensions;
using Bhrpc.Injection;
using Bhrpc.Spring.Autofac;
using Bhrpc.Spring.Tests.Pipeline;

namespace Bhrpc.Spring.Tests.Attributes;

/// <summary>Pipeline settings from attributes reach the Core options, are checked against the loader, and provider filters run.</summary>
public sealed class PipelineAttributeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Test]
    public void CreateReferenceOptions_MemberAttributes_BecomeFiltersRoutersClusterAndMethods()
    {
        var options = Member(nameof(PipelineHolder.Greeter)).CreateReferenceOptions(null);
        var where = $"{typeof(PipelineHolder).FullName}.{nameof(PipelineHolder.Greeter)}";

        Assert.Multiple(() =>
        {
            Assert.That(options.Filters.Select(ExtensionChecks.Describe), Is.EqualTo(new[] { "-global", $"{StampFilter.Name}(label=attr,times=2)" }), "the settings go to the listed entry, which keeps its place");
            Assert.That(options.Filters[1].Source, Is.EqualTo($"[RpcFilterSpec(\"{StampFilter.Name}\")] on {where}"));
            Assert.That(options.Routers.Single().Settings["rule"], Is.EqualTo("method=Hello* => host=127.0.0.1"));
            Assert.That(options.Cluster.Name, Is.EqualTo(SingleAttemptCluster.Name));
            Assert.That(options.Retries, Is.EqualTo(1));
            Assert.That(options.AttemptTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(300)));
            Assert.That(options.Lazy, Is.False);
            Assert.That(options.Methods.Select(m => m.Name), Is.EqualTo(new[] { "Hello", "helloAsync" }));
            Assert.That(options.Methods[0].Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
            Assert.That(options.Methods[0].Retries, Is.EqualTo(0));
            Assert.That(options.Methods[0].Idempotent, Is.True);
            Assert.That(options.Methods[0].Oneway, Is.Null, "not set");
            Assert.That(options.Methods[1].AttemptTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(100)));
            Assert.That(options.Methods[1].Oneway, Is.False);
        });
    }

    [Test]
    public void CheckReference_NamesFromThisTestAssembly_AreKnownToTheSharedLoader()
    {
        var options = Member(nameof(PipelineHolder.Greeter)).CreateReferenceOptions(null);
        options.Filters.RemoveAt(0);

        Assert.That(() => ExtensionChecks.CheckReference(options, ExtensionLoader.Shared), Throws.Nothing);
    }

    [Test]
    public void CreateReferenceOptions_ClusterSettings_AreTheClustersSettings()
        => Assert.That(Member(nameof(PipelineHolder.Forking)).CreateReferenceOptions(null).Cluster.ToString(), Is.EqualTo("forking(forks=3)"));

    [Test]
    public void ToReferenceOptions_UnknownCluster_ListsTheLoadersNames()
    {
        var error = Assert.Throws<RpcException>(() => new RpcReferenceAttribute { Cluster = "roundtrip" }.ToReferenceOptions(typeof(IGreeter), null, "Tests.Holder._greeter"));

        Assert.That(error!.Message, Does.Contain("[RpcReference] on Tests.Holder._greeter").And.Contain("unknown cluster 'roundtrip'; known names:").And.Contain(SingleAttemptCluster.Name));
    }

    [Test]
    public void ToReferenceOptions_MethodNotOfTheInterface_IsRefused()
    {
        var error = Assert.Throws<RpcException>(() => Member(nameof(PipelineHolder.UnknownMethod)).ToReferenceOptions(null, ExtensionLoader.Shared));

        Assert.That(error!.Message, Does.Contain("method 'Goodbye' is not a method of").And.Contain("expected one of Hello, HelloAsync"));
    }

    [Test]
    public void ToReferenceOptions_ProviderOnlyFilter_IsRefused()
    {
        var error = Assert.Throws<RpcException>(() => Member(nameof(PipelineHolder.ProviderOnly)).ToReferenceOptions(null, ExtensionLoader.Shared));

        Assert.That(error!.Message, Does.Contain($"filter '{ProviderOnlyFilter.Name}' runs on the provider side only"));
    }

    [Test]
    public void CreateReferenceOptions_SettingWithoutEquals_IsRefusedNamingTheAttribute()
    {
        var error = Assert.Throws<RpcException>(() => Member(nameof(PipelineHolder.BadSetting)).CreateReferenceOptions(null));

        Assert.That(error!.Message, Does.Contain($"[RpcFilterSpec(\"{StampFilter.Name}\")] on").And.Contain("setting 'label' is not key=value"));
    }

    [Test]
    public void KeyOf_ReferencesDifferingOnlyInFilterSettings_Differ()
    {
        var a = Member(nameof(PipelineHolder.StampA)).CreateReferenceOptions(null);
        var b = Member(nameof(PipelineHolder.StampB)).CreateReferenceOptions(null);

        Assert.That(ReferenceInjector.KeyOf(a), Is.Not.EqualTo(ReferenceInjector.KeyOf(b)));
        Assert.That(ReferenceInjector.KeyOf(a), Is.EqualTo(ReferenceInjector.KeyOf(Member(nameof(PipelineHolder.StampA)).CreateReferenceOptions(null))));
    }

    [TestCase(nameof(ReferenceOptions.Retries))]
    [TestCase(nameof(ReferenceOptions.Cluster))]
    [TestCase(nameof(ReferenceOptions.AttemptTimeout))]
    [TestCase(nameof(ReferenceOptions.Lazy))]
    [TestCase(nameof(ReferenceOptions.Routers))]
    [TestCase(nameof(ReferenceOptions.Methods))]
    public void KeyOf_EachPipelineSetting_ChangesTheKey(string setting)
    {
        var plain = new ReferenceOptions { Interface = typeof(IGreeter) };
        var changed = plain.Clone();
        Action change = setting switch
        {
            nameof(ReferenceOptions.Retries) => () => changed.Retries = 0,
            nameof(ReferenceOptions.Cluster) => () => changed.Cluster = new ExtensionSpec("forking", new Dictionary<string, string> { ["forks"] = "2" }),
            nameof(ReferenceOptions.AttemptTimeout) => () => changed.AttemptTimeout = TimeSpan.FromSeconds(1),
            nameof(ReferenceOptions.Lazy) => () => changed.Lazy = false,
            nameof(ReferenceOptions.Routers) => () => changed.Routers.Add(FirstProviderRouter.Name),
            _ => () => changed.Methods.Add(new MethodOptions { Name = "Hello", Retries = 1 }),
        };
        change();

        Assert.That(ReferenceInjector.KeyOf(changed), Is.Not.EqualTo(ReferenceInjector.KeyOf(plain)));
    }

    [Test]
    public void ToServiceOptions_ClassAttributes_GiveTagFiltersAndMethodTimeout()
    {
        var options = ServiceScanner.ServicesOf(new StampedGreeter<object>()).Single();

        Assert.Multiple(() =>
        {
            Assert.That(options.Tag, Is.EqualTo("canary"));
            Assert.That(options.Filters.Select(ExtensionChecks.Describe), Is.EqualTo(new[] { $"{StampFilter.Name}(label=svc)" }));
            Assert.That(options.Methods.Single().Name, Is.EqualTo("Hello"));
            Assert.That(options.Methods.Single().Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(700)));
        });
    }

    [Test]
    public void ToServiceOptions_ConsumerMethodSettingOnAService_IsRefused()
    {
        var error = Assert.Throws<RpcException>(() => ServiceScanner.ServicesOf(new ConsumerSettingOnService<object>()));

        Assert.That(error!.Message, Does.Contain("[RpcMethod(\"Hello\")]").And.Contain("Retries are consumer settings; on a service only Timeout applies"));
    }

    [Test]
    public async Task Call_ServiceFilterFromAttributes_RunsWithItsSettings()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bhrpc-attr-filter-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using (var provider = Build(folder, b => b.RegisterType<FilteredGreeter<object>>().SingleInstance()))
            await using (var consumer = Build(folder, b => b.RegisterRpcReference<IGreeter>(r => r.Group = "filtered")))
            {
                var greeter = consumer.Resolve<IGreeter>();

                Assert.That(greeter.Hello("x"), Is.EqualTo("[attr][attr]hello x"));
                Assert.That(await greeter.HelloAsync("y").WaitAsync(Bound), Is.EqualTo("[attr][attr]hello y (async)"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IContainer Build(string folder, Action<ContainerBuilder> register)
    {
        var builder = new ContainerBuilder();
        builder.RegisterModule(new BhrpcModule { Registry = $"local://{folder}", Server = { Port = 0 } });
        register(builder);
        return builder.Build();
    }

    private static ReferenceMember Member(string name) => ReferenceInjector.MembersOf(typeof(PipelineHolder)).Single(m => m.Member.Name == name);
}
