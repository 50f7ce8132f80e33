using Bhrpc.Metadata;
using Bhrpc.Spring.Context;
using Bhrpc.Spring.Rpc;
using Bhrpc.Spring.Tests.Context;

namespace Bhrpc.Spring.Tests.Rpc;

/// <summary><c>method-naming</c> on <c>&lt;rpc:reference&gt;</c>, <c>&lt;rpc:consumer&gt;</c> and <c>&lt;rpc:service&gt;</c>.</summary>
public sealed class MethodNamingXmlTests
{
    private const string Echo = "Bhrpc.Spring.Tests.Rpc.IEcho, Bhrpc.Spring.Tests";
    private const string Xmlns = "xmlns:rpc=\"http://www.bhrpc.io/schema/rpc\"";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Test]
    public void Reference_MethodNaming_MapsOntoReferenceOptions()
    {
        using var context = new XmlApplicationContext(TestFiles.WriteTemp(
            $"""  <rpc:reference {Xmlns} id="r" interface="{Echo}" direct-url="127.0.0.1:1" method-naming="camelCase"/>"""));

        Assert.That(References(context)["r"], Is.EqualTo(MethodNaming.CamelCase));
    }

    [Test]
    public void Consumer_MethodNaming_IsEveryReferencesDefaultAndTheElementWins()
    {
        using var context = new XmlApplicationContext(TestFiles.WriteTemp($"""
              <rpc:consumer {Xmlns} method-naming="camelCase"/>
              <rpc:reference {Xmlns} id="inherits" interface="{Echo}" direct-url="127.0.0.1:1"/>
              <rpc:reference {Xmlns} id="own" interface="{Echo}" direct-url="127.0.0.1:1" method-naming="asDeclared"/>
            """));

        var references = References(context);

        Assert.Multiple(() =>
        {
            Assert.That(references["inherits"], Is.EqualTo(MethodNaming.CamelCase), "from <rpc:consumer>");
            Assert.That(references["own"], Is.EqualTo(MethodNaming.AsDeclared), "the element over <rpc:consumer>");
        });
    }

    [Test]
    public async Task Service_MethodNaming_MapsOntoServiceOptions()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bhrpc-naming-xml-" + Guid.NewGuid().ToString("N"));
        var context = new XmlApplicationContext(TestFiles.WriteTemp($"""
              <rpc:registry {Xmlns} id="registry" address="local://{folder}"/>
              <rpc:server {Xmlns} id="server" host="127.0.0.1" port="0"/>
              <object id="echo" type="Bhrpc.Spring.Tests.Rpc.TaggedEcho, Bhrpc.Spring.Tests"><constructor-arg value="x"/></object>
              <rpc:service {Xmlns} interface="{Echo}" ref="echo" method-naming="camelCase"/>
              <rpc:service {Xmlns} interface="{Echo}" ref="echo" group="plain"/>
            """));
        try
        {
            var services = context.GetObject<RpcServerExporter>("server").Services;

            Assert.Multiple(() =>
            {
                Assert.That(services.Single(s => s.Group == string.Empty).MethodNaming, Is.EqualTo(MethodNaming.CamelCase));
                Assert.That(services.Single(s => s.Group == "plain").MethodNaming, Is.EqualTo(MethodNaming.AsDeclared), "built-in default");
            });
        }
        finally
        {
            await context.DisposeAsync().AsTask().WaitAsync(Bound);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [TestCase("rpc:reference id=\"r\" interface=\"" + Echo + "\"")]
    [TestCase("rpc:consumer")]
    [TestCase("rpc:service interface=\"" + Echo + "\" ref=\"x\"")]
    public void Schema_UnknownMethodNaming_IsAnErrorAtItsLine(string element)
    {
        var file = TestFiles.WriteTemp($"""  <{element} {Xmlns} method-naming="snake_case"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("method-naming").And.Contain("snake_case").And.Contain($"{file}:3:"));
    }

    [Test]
    public void Placeholder_ResolvedToAnUnknownMethodNaming_IsAnErrorListingTheAllowedValues()
    {
        var file = TestFiles.WriteTemp($$"""  <rpc:reference {{Xmlns}} id="r" interface="{{Echo}}" method-naming="${BHRPC_NAMING_NO_SUCH_VAR:pascal}"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("method-naming='pascal'").And.Contain("asDeclared, camelCase").And.Contain($"{file}:3:"));
    }

    private static Dictionary<string, MethodNaming> References(XmlApplicationContext context)
        => RpcConfiguration.For(context.Registry).References.ToDictionary(r => r.Id, r => r.Options!.MethodNaming);
}
