using Bhrpc.Spring.Context;
using Bhrpc.Spring.Tests.Context.Samples;

namespace Bhrpc.Spring.Tests.Context;

public sealed class XmlApplicationContextLifecycleTests
{
    [Test]
    public void Refresh_CreatesSingletonsInDependencyOrder_AndDisposeReversesIt()
    {
        var context = new XmlApplicationContext(TestFiles.Path("lifecycle.xml"));
        var log = context.GetObject<EventLog>("log");
        var created = log.Events.ToList();

        context.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.EqualTo(new[] { "init:second", "init:first", "init:fourth", "init:third" }));
            Assert.That(log.Events.Skip(created.Count), Is.EqualTo(new[]
            {
                "disposeAsync",
                "destroy:third", "dispose:third", "destroy:fourth", "dispose:fourth",
                "destroy:first", "dispose:first", "destroy:second", "dispose:second",
            }));
        });
    }

    [Test]
    public void LazyInit_CreatesOnFirstRequestOnly()
    {
        using var context = new XmlApplicationContext(TestFiles.Path("lifecycle.xml"));
        var log = context.GetObject<EventLog>("log");
        Assert.That(log.Events, Does.Not.Contain("init:lazy"));

        var lazy = context.GetObject("lazy");

        Assert.Multiple(() =>
        {
            Assert.That(log.Events.Count(e => e == "init:lazy"), Is.EqualTo(1));
            Assert.That(context.GetObject("lazy"), Is.SameAs(lazy));
        });
    }

    [Test]
    public void Prototype_IsNewPerGetObject_AndSingletonIsShared()
    {
        using var context = new XmlApplicationContext(TestFiles.Path("lifecycle.xml"));
        var proto = context.GetObject("proto");
        var proto2 = context.GetObject("proto2");
        var first = context.GetObject("first");

        Assert.Multiple(() =>
        {
            Assert.That(context.GetObject("proto"), Is.Not.SameAs(proto));
            Assert.That(context.GetObject("proto2"), Is.Not.SameAs(proto2));
            Assert.That(context.GetObject("first"), Is.SameAs(first));
            Assert.That(context.GetObject<EventLog>("log").Events.Count(e => e == "init:proto"), Is.EqualTo(2), "init-method runs per prototype");
        });
    }

    [Test]
    public void Prototype_IsNotCreatedAtRefresh()
    {
        using var context = new XmlApplicationContext(TestFiles.Path("lifecycle.xml"));

        Assert.That(context.GetObject<EventLog>("log").Events, Does.Not.Contain("init:proto"));
    }

    [Test]
    public void GetObject_UnknownId_ErrorListsKnownIds()
    {
        using var context = new XmlApplicationContext(TestFiles.Path("lifecycle.xml"));

        var error = Assert.Throws<ObjectDefinitionException>(() => context.GetObject("missing"));

        Assert.That(error!.Message, Does.Contain("'missing'").And.Contain("first").And.Contain("second").And.Contain("log"));
    }

    [Test]
    public void Refresh_CircularReference_ErrorNamesTheCycle()
    {
        var file = TestFiles.WriteTemp($"""
              <object id="a" type="{TestFiles.Type("Tracked")}"><property name="Other" ref="b"/></object>
              <object id="b" type="{TestFiles.Type("Tracked")}"><property name="Other" ref="c"/></object>
              <object id="c" type="{TestFiles.Type("Tracked")}"><property name="Other" ref="a"/></object>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("a -> b -> c -> a"));
    }

    [Test]
    public void Refresh_CircularDependsOn_ErrorNamesTheCycle()
    {
        var file = TestFiles.WriteTemp($"""
              <object id="a" type="{TestFiles.Type("Tracked")}" depends-on="b"/>
              <object id="b" type="{TestFiles.Type("Tracked")}" depends-on="a"/>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("a -> b -> a"));
    }

    [Test]
    public void Lifecycle_IsToldAfterRefreshAndBeforeDispose()
    {
        var context = new XmlApplicationContext(TestFiles.Path("lifecycle-probe.xml"));
        var probe = context.GetObject<LifecycleProbe>("probe");
        Assert.That(probe.RefreshedWith, Is.SameAs(context));

        context.Dispose();
        context.Dispose();

        Assert.That(probe.ClosingCalls, Is.EqualTo(1));
    }

    [Test]
    public void Constructor_HangingLifecycle_TimesOutInsteadOfBlockingForever()
    {
        Environment.SetEnvironmentVariable("probe.hang", "true");
        try
        {
            var options = new XmlApplicationContextOptions { LifecycleTimeout = TimeSpan.FromMilliseconds(200) };

            Assert.That(() => new XmlApplicationContext(options, TestFiles.Path("lifecycle-probe.xml")),
                Throws.TypeOf<TimeoutException>().With.Message.Contains("LifecycleTimeout"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("probe.hang", null);
        }
    }

    [Test]
    public async Task CreateAsync_AwaitsLifecycle_AndHonoursCancellation()
    {
        await using (var context = await XmlApplicationContext.CreateAsync(new XmlApplicationContextOptions(), [TestFiles.Path("lifecycle-probe.xml")])
            .WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.That(context.GetObject<LifecycleProbe>("probe").RefreshedWith, Is.SameAs(context));
        }

        Environment.SetEnvironmentVariable("probe.hang", "true");
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            Assert.That(async () => await XmlApplicationContext.CreateAsync(new XmlApplicationContextOptions(), [TestFiles.Path("lifecycle-probe.xml")], cts.Token)
                .WaitAsync(TimeSpan.FromSeconds(10)), Throws.InstanceOf<OperationCanceledException>());
        }
        finally
        {
            Environment.SetEnvironmentVariable("probe.hang", null);
        }
    }
}
