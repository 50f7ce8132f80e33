using Bhrpc.Boot.Internal;
using Bhrpc.Extensions;
using Microsoft.Extensions.Configuration;

namespace Bhrpc.Boot.Tests;

/// <summary>
/// The pipeline keys (filters, routers, cluster, retries, per-method settings, tags) map onto the Core options with
/// their settings and where they were configured; bad ones fail naming the full key. The filter and the router are
/// classes of this test assembly only, found by the extension loader.
/// </summary>
public sealed class PipelineConfigurationTests
{
    private const string Greeter = "Bhrpc:References:greeter";

    private static BhrpcSettings Read(IDictionary<string, string?> values)
        => BhrpcSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    private static ReferenceOptions Compose(IDictionary<string, string?> values, Action<ReferenceOptions>? configure = null)
        => Read(values).ComposeReference("greeter", typeof(IGreeter), configure);

    [Test]
    public void ComposeReference_FilterEntries_CarryNameSettingsAndSource()
    {
        var reference = Compose(new Dictionary<string, string?>
        {
            [$"{Greeter}:Filters:0:Name"] = MarkFilter.Name,
            [$"{Greeter}:Filters:0:Text"] = "reference",
            [$"{Greeter}:Filters:0:Repeat"] = "2",
            [$"{Greeter}:Filters:1"] = MarkFilter.Name + " ",
            [$"{Greeter}:Filters:2"] = "-" + MarkFilter.Name,
        });

        Assert.That(reference.Filters, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(reference.Filters[0].Name, Is.EqualTo(MarkFilter.Name));
            Assert.That(reference.Filters[0].Settings, Is.EquivalentTo(new Dictionary<string, string> { ["Text"] = "reference", ["Repeat"] = "2" }));
            Assert.That(reference.Filters[0].Source, Is.EqualTo($"{Greeter}:Filters:0"));
            Assert.That(reference.Filters[1].Name, Is.EqualTo(MarkFilter.Name), "a plain value is a name without settings");
            Assert.That(reference.Filters[1].Settings, Is.Empty);
            Assert.That(reference.Filters[1].Source, Is.EqualTo($"{Greeter}:Filters:1"));
            Assert.That(reference.Filters[2].IsRemoval, Is.True);
        });
    }

    [Test]
    public void ComposeReference_ClusterAsSection_CarriesItsSettings_AndAsStringItsName()
    {
        var section = Compose(new Dictionary<string, string?>
        {
            [$"{Greeter}:Cluster:Name"] = "forking",
            [$"{Greeter}:Cluster:Forks"] = "3",
        });
        var plain = Compose(new Dictionary<string, string?> { [$"{Greeter}:Cluster"] = "failsafe" });

        Assert.Multiple(() =>
        {
            Assert.That(section.Cluster.Name, Is.EqualTo("forking"));
            Assert.That(section.Cluster.Settings, Is.EquivalentTo(new Dictionary<string, string> { ["Forks"] = "3" }));
            Assert.That(section.Cluster.Source, Is.EqualTo($"{Greeter}:Cluster"));
            Assert.That(plain.Cluster.Name, Is.EqualTo("failsafe"));
            Assert.That(plain.Cluster.Settings, Is.Empty);
        });
    }

    [Test]
    public void ComposeReference_RetriesAttemptTimeoutLazyRoutersAndMethods_MapOntoReferenceOptions()
    {
        var reference = Compose(new Dictionary<string, string?>
        {
            [$"{Greeter}:Retries"] = "4",
            [$"{Greeter}:AttemptTimeout"] = "300ms",
            [$"{Greeter}:Lazy"] = "false",
            [$"{Greeter}:Routers:0:Name"] = ZoneRouter.Name,
            [$"{Greeter}:Routers:0:Prefix"] = "127.",
            [$"{Greeter}:Methods:hello:Timeout"] = "2s",
            [$"{Greeter}:Methods:hello:AttemptTimeout"] = "00:00:00.500",
            [$"{Greeter}:Methods:hello:Retries"] = "0",
            [$"{Greeter}:Methods:hello:Idempotent"] = "true",
            [$"{Greeter}:Methods:SlowAsync:Oneway"] = "false",
        });

        Assert.Multiple(() =>
        {
            Assert.That(reference.Retries, Is.EqualTo(4));
            Assert.That(reference.AttemptTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(300)));
            Assert.That(reference.Lazy, Is.False);
            Assert.That(reference.Routers.Single().Name, Is.EqualTo(ZoneRouter.Name));
            Assert.That(reference.Routers.Single().Settings["prefix"], Is.EqualTo("127."));
            Assert.That(reference.Routers.Single().Source, Is.EqualTo($"{Greeter}:Routers:0"));
        });
        var hello = reference.Methods.Single(m => m.Name == nameof(IGreeter.Hello));
        var slow = reference.Methods.Single(m => m.Name == nameof(IGreeter.SlowAsync));
        Assert.Multiple(() =>
        {
            Assert.That(reference.Methods, Has.Count.EqualTo(2));
            Assert.That(hello.Timeout, Is.EqualTo(TimeSpan.FromSeconds(2)), "'hello' (the camel-case wire name) names Hello; the options carry the declared name");
            Assert.That(hello.AttemptTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
            Assert.That(hello.Retries, Is.EqualTo(0));
            Assert.That(hello.Idempotent, Is.True);
            Assert.That(hello.Oneway, Is.Null);
            Assert.That(slow.Oneway, Is.False);
            Assert.That(slow.Timeout, Is.Null);
        });
    }

    [Test]
    public void ComposeReference_Configuration_WinsOverCodeKeyByKey_AndReplacesCodeLists()
    {
        var fromCode = new MethodOptions { Name = nameof(IGreeter.Hello), Timeout = TimeSpan.FromSeconds(9), Retries = 7 };
        var reference = Compose(
            new Dictionary<string, string?>
            {
                [$"{Greeter}:Retries"] = "1",
                [$"{Greeter}:Filters:0:Name"] = MarkFilter.Name,
                [$"{Greeter}:Filters:0:Text"] = "configured",
                [$"{Greeter}:Methods:Hello:Timeout"] = "1s",
            },
            r =>
            {
                r.Retries = 5;
                r.Filters.Add(new ExtensionSpec(MarkFilter.Name, new Dictionary<string, string> { ["text"] = "code" }));
                r.Methods.Add(fromCode);
            });

        Assert.Multiple(() =>
        {
            Assert.That(reference.Retries, Is.EqualTo(1));
            Assert.That(reference.Filters.Select(f => f.Settings["text"]), Is.EqualTo(new[] { "configured" }));
            Assert.That(reference.Methods.Single().Timeout, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(reference.Methods.Single().Retries, Is.EqualTo(7), "a method key configuration does not set keeps the code's value");
            Assert.That(fromCode.Timeout, Is.EqualTo(TimeSpan.FromSeconds(9)), "the code's object is not changed");
        });
    }

    [Test]
    public void Read_ServerAndClientFilters_MapOntoServerOptionsAndTheClientFilters()
    {
        var settings = Read(new Dictionary<string, string?>
        {
            ["Bhrpc:Server:Filters:0:Name"] = MarkFilter.Name,
            ["Bhrpc:Server:Filters:0:Text"] = "server",
            ["Bhrpc:Server:Filters:1"] = ProviderOnlyFilter.Name,
            ["Bhrpc:Client:Filters:0:Name"] = MarkFilter.Name,
            ["Bhrpc:Client:Filters:0:Text"] = "client",
        });

        Assert.Multiple(() =>
        {
            Assert.That(settings.ServerOptions.Filters.Select(f => f.Name), Is.EqualTo(new[] { MarkFilter.Name, ProviderOnlyFilter.Name }));
            Assert.That(settings.ServerOptions.Filters[0].Settings["text"], Is.EqualTo("server"));
            Assert.That(settings.ServerOptions.Filters[0].Source, Is.EqualTo("Bhrpc:Server:Filters:0"));
            Assert.That(settings.ClientOptions.Filters.Single().Settings["text"], Is.EqualTo("client"));
            Assert.That(settings.ClientOptions.Filters.Single().Source, Is.EqualTo("Bhrpc:Client:Filters:0"));
        });
    }

    [Test]
    public void Read_ServiceFiltersTagAndMethodTimeout_MapOntoServiceOptions()
    {
        var settings = Read(new Dictionary<string, string?>
        {
            ["Bhrpc:Server:Filters:0"] = ProviderOnlyFilter.Name,
            ["Bhrpc:Services:0:Interface"] = typeof(IGreeter).AssemblyQualifiedName,
            ["Bhrpc:Services:0:Implementation"] = typeof(Greeter).AssemblyQualifiedName,
            ["Bhrpc:Services:0:Tag"] = "gray",
            ["Bhrpc:Services:0:Filters:0"] = "-" + ProviderOnlyFilter.Name,
            ["Bhrpc:Services:0:Filters:1:Name"] = MarkFilter.Name,
            ["Bhrpc:Services:0:Filters:1:Text"] = "service",
            ["Bhrpc:Services:0:Methods:SlowAsync:Timeout"] = "750ms",
        });

        var service = settings.Services.Single().ToServiceOptions(new Greeter(new Gate()));

        Assert.Multiple(() =>
        {
            Assert.That(service.Tag, Is.EqualTo("gray"));
            Assert.That(service.Filters.Select(f => f.Name), Is.EqualTo(new[] { "-" + ProviderOnlyFilter.Name, MarkFilter.Name }));
            Assert.That(service.Filters[1].Source, Is.EqualTo("Bhrpc:Services:0:Filters:1"));
            Assert.That(service.Methods.Single().Name, Is.EqualTo(nameof(IGreeter.SlowAsync)));
            Assert.That(service.Methods.Single().Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(750)));
        });
    }

    [TestCase("Filters:0", "nosuch", "Filters:0", "no filter is named 'nosuch'")]
    [TestCase("Filters:0:Name", "nosuch", "Filters:0:Name", "expected the name of a known filter: ")]
    [TestCase("Filters:0", "-nosuch", "Filters:0", "no filter is named 'nosuch'")]
    [TestCase("Filters:0", ProviderOnlyFilter.Name, "Filters:0", "runs on the provider side only")]
    [TestCase("Filters:first", MarkFilter.Name, "Filters:first", "is not a list entry")]
    [TestCase("Filters", MarkFilter.Name, "Filters", "expected a list")]
    [TestCase("Filters:0:Text", "orphan", "Filters:0:Name", "is missing")]
    [TestCase("Routers:0", "nosuch", "Routers:0", "no router is named 'nosuch'")]
    [TestCase("Routers:0", "-" + ZoneRouter.Name, "Routers:0", "a router name")]
    [TestCase("Cluster", "failfastt", "Cluster", "expected the name of a known cluster: broadcast")]
    [TestCase("Cluster:Name", "nosuch", "Cluster:Name", "no cluster is named 'nosuch'")]
    [TestCase("Retries", "-1", "Retries", "an integer 0..100")]
    [TestCase("Retries", "101", "Retries", "an integer 0..100")]
    [TestCase("AttemptTimeout", "0s", "AttemptTimeout", "a positive TimeSpan")]
    [TestCase("Lazy", "maybe", "Lazy", "true or false")]
    [TestCase("Methods:Nope:Timeout", "1s", "Methods:Nope", "names no method of Bhrpc.Boot.Tests.IGreeter; expected a method's declared or wire name: Hello, SlowAsync")]
    [TestCase("Methods:Hello:Retry", "1", "Methods:Hello:Retry", "the keys of Bhrpc:References:greeter:Methods:Hello are Timeout, AttemptTimeout, Retries, Oneway, Idempotent")]
    [TestCase("Methods:Hello:Retries", "few", "Methods:Hello:Retries", "an integer 0..100")]
    [TestCase("Methods:Hello", "1s", "Methods:Hello", "a section with the method's settings")]
    public void ComposeReference_BadPipelineKey_FailsNamingTheFullKey(string key, string value, string namedKey, string expected)
    {
        var e = Assert.Throws<RpcException>(() => Compose(new Dictionary<string, string?> { [$"{Greeter}:{key}"] = value }));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(e.Message, Does.Contain($"'{Greeter}:{namedKey}'").And.Contain(expected));
    }

    [TestCase("Repeat", "9", "Filters:0:repeat: ")]
    [TestCase("Repeat", "many", "Filters:0:Repeat: 'many' is not a whole number")]
    [TestCase("Colour", "red", "Filters:0:Colour: 'bootmark' has no setting 'Colour'; known keys: repeat, text")]
    public void ComposeReference_BadFilterSetting_FailsNamingTheSettingsKey(string setting, string value, string expected)
    {
        var e = Assert.Throws<RpcException>(() => Compose(new Dictionary<string, string?>
        {
            [$"{Greeter}:Filters:0:Name"] = MarkFilter.Name,
            [$"{Greeter}:Filters:0:Text"] = "x",
            [$"{Greeter}:Filters:0:{setting}"] = value,
        }));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(e.Message, Does.Contain($"{Greeter}:{expected}"));
    }

    [Test]
    public void ComposeReference_RequiredRouterSettingMissing_FailsNamingIt()
    {
        var e = Assert.Throws<RpcException>(() => Compose(new Dictionary<string, string?> { [$"{Greeter}:Routers:0"] = ZoneRouter.Name }));

        Assert.That(e!.Message, Does.Contain($"{Greeter}:Routers:0:prefix: ").And.Contain("required"));
    }

    [Test]
    public void ComposeReference_ClusterSettingOutOfRange_FailsNamingIt()
    {
        var e = Assert.Throws<RpcException>(() => Compose(new Dictionary<string, string?>
        {
            [$"{Greeter}:Cluster:Name"] = "forking",
            [$"{Greeter}:Cluster:Forks"] = "0",
        }));

        Assert.That(e!.Message, Does.Contain($"{Greeter}:Cluster:forks: "));
    }

    [TestCase("Bhrpc:Server:Filters:0", "-" + MarkFilter.Name, "'Bhrpc:Server:Filters:0'", "removes one of these global filters")]
    [TestCase("Bhrpc:Client:Filters:0", "-" + MarkFilter.Name, "'Bhrpc:Client:Filters:0'", "removes one of these global filters")]
    [TestCase("Bhrpc:Client:Filters:0", ProviderOnlyFilter.Name, "'Bhrpc:Client:Filters:0'", "runs on the provider side only")]
    [TestCase("Bhrpc:Client:EjectAfter", "3", "'Bhrpc:Client:EjectAfter'", "is unknown; the keys of Bhrpc:Client are ")]
    [TestCase("Bhrpc:Server:Filters:0:Name", ProviderOnlyFilter.Name, "Bhrpc:Server:Filters:0", "takes no settings; remove Level")]
    [TestCase("Bhrpc:Services:0:Methods:Hello:Retries", "2", "'Bhrpc:Services:0:Methods:Hello:Retries'", "is a consumer setting; a service's method takes only Timeout")]
    [TestCase("Bhrpc:Services:0:Methods:Hello:Timeout", "never", "'Bhrpc:Services:0:Methods:Hello:Timeout'", "a positive TimeSpan")]
    [TestCase("Bhrpc:Services:0:Filters:0", "nosuch", "'Bhrpc:Services:0:Filters:0'", "no filter is named 'nosuch'")]
    public void Read_BadServerClientOrServiceKey_FailsNamingTheKey(string key, string value, string namedKey, string expected)
    {
        var values = new Dictionary<string, string?>
        {
            [key] = value,
            ["Bhrpc:Services:0:Interface"] = typeof(IGreeter).AssemblyQualifiedName,
            ["Bhrpc:Services:0:Implementation"] = typeof(Greeter).AssemblyQualifiedName,
        };
        if (key == "Bhrpc:Server:Filters:0:Name")
        {
            values["Bhrpc:Server:Filters:0:Level"] = "info";
        }

        var e = Assert.Throws<RpcException>(() => Read(values));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(e.Message, Does.Contain(namedKey).And.Contain(expected));
    }
}
