using Bhrpc.Spring.Context;
using static Bhrpc.Spring.Tests.Rpc.RpcXml;

namespace Bhrpc.Spring.Tests.Rpc;

/// <summary>
/// Provider filters and plug-in serializers configured in XML take part in real calls over loopback (a local registry
/// in a temp folder); the filter lives in this test assembly only.
/// </summary>
[NonParallelizable]
public sealed class ProviderFilterXmlTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "bhrpc-provider-filter-xml-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Call_ServerAndServiceFiltersFromXml_RunWithTheirSettings()
    {
        await using var context = await OpenAsync("""
              <rpc:server id="s" port="0">
                <rpc:filter name="springstamp" label="server"/>
              </rpc:server>
              <rpc:service interface="{Echo}" ref="echo">
                <rpc:filter name="springstamp" label="svc" times="2"/>
              </rpc:service>
            """);

        var echo = context.GetObject<IEcho>("echo-ref");

        Assert.That(echo.Echo("x"), Is.EqualTo("[server][svc][svc]v1: x"), "the server's global filter runs outside the service's");
        Assert.That(await echo.EchoAsync("y").WaitAsync(Bound), Is.EqualTo("[server][svc][svc]v1 async: y"));
    }

    [Test]
    public async Task Call_ServiceRemovesTheServersFilter_OnlyTheServicesOwnRun()
    {
        await using var context = await OpenAsync("""
              <rpc:server id="s" port="0">
                <rpc:filter name="springstamp" label="server"/>
              </rpc:server>
              <rpc:service interface="{Echo}" ref="echo">
                <rpc:filter name="-springstamp"/>
              </rpc:service>
            """);

        Assert.That(context.GetObject<IEcho>("echo-ref").Echo("x"), Is.EqualTo("v1: x"));
    }

    [Test]
    public async Task Call_PluginSerializerNamedInXml_CarriesTheCall()
    {
        await using var context = await OpenAsync(
            $"""
              <rpc:extensions plugin-folder="{PipelineXmlTests.Plugins}"/>
              <rpc:server id="s" port="0" serialization="reverse"/>
              <rpc:service interface="{Echo}" ref="echo" serialization="reverse"/>
            """,
            referenceAttributes: "serialization=\"reverse\"");

        Assert.That(context.GetObject<IEcho>("echo-ref").Echo("plug-in"), Is.EqualTo("v1: plug-in"));
    }

    [Test]
    public void FilterSettings_Invalid_FailTheContextNamingTheFilterElement()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () => await OpenAsync("""
              <rpc:server id="s" port="0">
                <rpc:filter name="springstamp" times="2"/>
              </rpc:server>
              <rpc:service interface="{Echo}" ref="echo"/>
            """));

        Assert.That(error!.Message, Does.Contain("<rpc:filter>:label:").And.Contain("required"));
    }

    private async Task<XmlApplicationContext> OpenAsync(string body, string referenceAttributes = "")
    {
        var file = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".xml");
        await File.WriteAllTextAsync(file, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <objects xmlns="http://www.springframework.net" {Xmlns}>
              <rpc:registry id="registry" address="local://{_folder}"/>
              <object id="echo" type="Bhrpc.Spring.Tests.Rpc.TaggedEcho, Bhrpc.Spring.Tests"><constructor-arg value="v1"/></object>
            {body.Replace("{Echo}", Echo, StringComparison.Ordinal)}
              <rpc:reference id="echo-ref" interface="{Echo}" timeout="5s" {referenceAttributes}/>
            </objects>
            """).WaitAsync(Bound);
        return await XmlApplicationContext.CreateAsync(new XmlApplicationContextOptions(), [file]).WaitAsync(Bound);
    }
}
