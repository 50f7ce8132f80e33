using Bhrpc.Extensions;
using Bhrpc.Spring.Context;
using Bhrpc.Spring.Tests.Context;
using Bhrpc.Spring.Tests.Pipeline;
using static Bhrpc.Spring.Tests.Rpc.RpcXml;

namespace Bhrpc.Spring.Tests.Rpc;

/// <summary>The pipeline settings of the rpc namespace reach the Core options, with settings and sources.</summary>
public sealed class PipelineXmlTests
{
    [Test]
    public void Reference_Children_BecomeFiltersRoutersClusterAndMethods()
    {
        var file = TestFiles.WriteTemp($"""
              <rpc:reference {Xmlns} id="r" interface="{Echo}" retries="1" attempt-timeout="300ms" lazy="false" timeout="2s">
                <rpc:filter name="{StampFilter.Name}" label="ref" times="2"/>
                <rpc:filter name="-global"/>
                <rpc:router name="{FirstProviderRouter.Name}" rule="method=Echo* => host=127.0.0.1"/>
                <rpc:cluster name="forking" forks="3"/>
                <rpc:method name="Echo" timeout="500" attempt-timeout="200ms" retries="0" oneway="false" idempotent="true"/>
                <rpc:method name="echoAsync" retries="4"/>
              </rpc:reference>
            """);

        var options = Reference(Read(file));

        Assert.Multiple(() =>
        {
            Assert.That(options.Retries, Is.EqualTo(1));
            Assert.That(options.AttemptTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(300)));
            Assert.That(options.Lazy, Is.False);
            Assert.That(options.Filters.Select(f => f.Name), Is.EqualTo(new[] { StampFilter.Name, "-global" }));
            Assert.That(options.Filters[0].Settings, Is.EquivalentTo(new Dictionary<string, string> { ["label"] = "ref", ["times"] = "2" }));
            Assert.That(options.Filters[0].Source, Is.EqualTo($"{file}:4 <rpc:filter>"));
            Assert.That(options.Filters[1].IsRemoval, Is.True);
            Assert.That(options.Routers.Single().Name, Is.EqualTo(FirstProviderRouter.Name));
            Assert.That(options.Routers.Single().Settings["rule"], Is.EqualTo("method=Echo* => host=127.0.0.1"));
            Assert.That(options.Routers.Single().Source, Is.EqualTo($"{file}:6 <rpc:router>"));
            Assert.That(options.Cluster.Name, Is.EqualTo("forking"));
            Assert.That(options.Cluster.Settings["forks"], Is.EqualTo("3"));
            Assert.That(options.Methods, Has.Count.EqualTo(2));
        });
        var echo = options.Methods[0];
        Assert.Multiple(() =>
        {
            Assert.That(echo.Name, Is.EqualTo("Echo"));
            Assert.That(echo.Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
            Assert.That(echo.AttemptTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(200)));
            Assert.That(echo.Retries, Is.EqualTo(0));
            Assert.That(echo.Oneway, Is.False);
            Assert.That(echo.Idempotent, Is.True);
            Assert.That(options.Methods[1].Name, Is.EqualTo("echoAsync"), "a wire (camelCase) name is accepted");
            Assert.That(options.Methods[1].Retries, Is.EqualTo(4));
            Assert.That(options.Methods[1].Timeout, Is.Null);
        });
    }

    [Test]
    public void Reference_ClusterAttribute_NamesTheClusterWithoutSettings()
    {
        var file = TestFiles.WriteTemp($"""  <rpc:reference {Xmlns} id="r" interface="{Echo}" cluster="broadcast"/>""");

        var options = Reference(Read(file));

        Assert.That(options.Cluster.Name, Is.EqualTo("broadcast"));
        Assert.That(options.Cluster.Settings, Is.Empty);
    }

    [Test]
    public void Consumer_FiltersClusterAndDefaults_ReachTheClientAndEveryReference()
    {
        var file = TestFiles.WriteTemp($"""
              <rpc:consumer {Xmlns} retries="3" attempt-timeout="1s" lazy="false">
                <rpc:filter name="{StampFilter.Name}" label="client"/>
                <rpc:cluster name="forking" forks="2"/>
              </rpc:consumer>
              <rpc:reference {Xmlns} id="r" interface="{Echo}"/>
            """);

        var configuration = Read(file);
        var options = Reference(configuration);

        Assert.Multiple(() =>
        {
            Assert.That(configuration.ClientFilters.Single().Name, Is.EqualTo(StampFilter.Name));
            Assert.That(configuration.ClientFilters.Single().Settings["label"], Is.EqualTo("client"));
            Assert.That(configuration.ClientFilters.Single().Source, Is.EqualTo($"{file}:4 <rpc:filter>"));
            Assert.That(options.Filters, Is.Empty, "global filters belong to the client, not to each reference");
            Assert.That(options.Retries, Is.EqualTo(3));
            Assert.That(options.AttemptTimeout, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(options.Lazy, Is.False);
            Assert.That(options.Cluster.ToString(), Is.EqualTo("forking(forks=2)"));
        });
    }

    [Test]
    public void Service_TagFiltersAndMethodTimeout_ReachTheServiceOptions()
    {
        var file = TestFiles.WriteTemp($"""
              <object id="echo" type="Bhrpc.Spring.Tests.Rpc.TaggedEcho, Bhrpc.Spring.Tests"><constructor-arg value="x"/></object>
              <rpc:service {Xmlns} interface="{Echo}" ref="echo" tag="canary">
                <rpc:filter name="{StampFilter.Name}" label="svc"/>
                <rpc:method name="Echo" timeout="750ms"/>
              </rpc:service>
            """);

        var options = Read(file).Services.Single().ToOptions(new TaggedEcho("x"));

        Assert.Multiple(() =>
        {
            Assert.That(options.Tag, Is.EqualTo("canary"));
            Assert.That(options.Filters.Single().ToString(), Is.EqualTo($"{StampFilter.Name}(label=svc)"));
            Assert.That(options.Filters.Single().Source, Is.EqualTo($"{file}:5 <rpc:filter>"));
            Assert.That(options.Methods.Single().Name, Is.EqualTo("Echo"));
            Assert.That(options.Methods.Single().Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(750)));
        });
    }

    [Test]
    public void Server_Filters_BecomeServerOptionsFilters()
    {
        var file = TestFiles.WriteTemp($"""
              <rpc:server {Xmlns} id="s" port="0">
                <rpc:filter name="{StampFilter.Name}" label="server"/>
              </rpc:server>
            """);

        var filter = Read(file).Servers.Single().Options.Filters.Single();

        Assert.That(filter.ToString(), Is.EqualTo($"{StampFilter.Name}(label=server)"));
        Assert.That(filter.Source, Is.EqualTo($"{file}:4 <rpc:filter>"));
    }

    [Test]
    public void Filter_Placeholders_AreResolvedInSettings()
    {
        var file = TestFiles.WriteTemp($$"""
              <rpc:reference {{Xmlns}} id="r" interface="{{Echo}}">
                <rpc:filter name="{{StampFilter.Name}}" label="${BHRPC_PIPELINE_NO_SUCH_VAR:fallback}"/>
              </rpc:reference>
            """);

        Assert.That(Reference(Read(file)).Filters.Single().Settings["label"], Is.EqualTo("fallback"));
    }

    [Test]
    public void Extensions_PluginFolder_GivesTheContextALoaderWithThePlugins()
    {
        var file = TestFiles.WriteTemp($"""  <rpc:extensions {Xmlns} plugin-folder="{Plugins}"/>""");

        var loader = Read(file).Extensions;

        Assert.That(loader, Is.Not.SameAs(ExtensionLoader.Shared));
        Assert.That(loader.Options.PluginFolder, Is.EqualTo(Path.GetFullPath(Plugins)));
        Assert.That(loader.Names<Serialization.IRpcSerializer>(), Does.Contain("reverse"));
    }

    internal static string Plugins => Path.Combine(AppContext.BaseDirectory, "plugins");
}
