using Bhrpc.Spring.Context;
using Bhrpc.Spring.Tests.Context;
using Bhrpc.Spring.Tests.Pipeline;
using static Bhrpc.Spring.Tests.Rpc.RpcXml;

namespace Bhrpc.Spring.Tests.Rpc;

/// <summary>Bad pipeline settings in XML fail the context with a message and the element's file:line.</summary>
public sealed class PipelineXmlErrorTests
{
    [Test]
    public void Method_UnknownAttribute_IsASchemaErrorAtItsLine()
    {
        var file = TestFiles.WriteTemp($"""
              <rpc:reference {Xmlns} id="r" interface="{Echo}">
                <rpc:method name="Echo" retrys="1"/>
              </rpc:reference>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("retrys").And.Contain($"{file}:4:"));
    }

    [Test]
    public void Method_UnknownName_ListsTheInterfaceMethods()
    {
        var file = TestFiles.WriteTemp($"""
              <rpc:reference {Xmlns} id="r" interface="{Echo}">
                <rpc:method name="Find" timeout="1s"/>
              </rpc:reference>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("method 'Find' is not a method of Bhrpc.Spring.Tests.Rpc.IEcho; expected one of Echo, EchoAsync").And.Contain($"{file}:4:"));
    }

    [Test]
    public void Method_Twice_IsAnError()
    {
        var file = TestFiles.WriteTemp($"""
              <rpc:reference {Xmlns} id="r" interface="{Echo}">
                <rpc:method name="Echo" timeout="1s"/>
                <rpc:method name="echo" retries="1"/>
              </rpc:reference>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("has settings twice").And.Contain($"{file}:5:"));
    }

    [TestCase("retries=\"1\"", "retries")]
    [TestCase("oneway=\"true\"", "oneway")]
    [TestCase("idempotent=\"true\"", "idempotent")]
    [TestCase("attempt-timeout=\"1s\"", "attempt-timeout")]
    public void ServiceMethod_ConsumerSetting_IsRefusedNamingIt(string attribute, string name)
    {
        var file = TestFiles.WriteTemp($"""
              <object id="echo" type="Bhrpc.Spring.Tests.Rpc.TaggedEcho, Bhrpc.Spring.Tests"><constructor-arg value="x"/></object>
              <rpc:service {Xmlns} interface="{Echo}" ref="echo">
                <rpc:method name="Echo" {attribute}/>
              </rpc:service>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain($"'{name}' is a consumer setting; on a service only timeout applies").And.Contain($"{file}:5:"));
    }

    [Test]
    public void Filter_UnknownName_IsAnErrorAtTheFilterListingKnownNames()
    {
        var file = TestFiles.WriteTemp($"""
              <rpc:server {Xmlns} id="s" port="0">
                <rpc:filter name="nosuchfilter"/>
              </rpc:server>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("unknown filter 'nosuchfilter'; known names:").And.Contain(StampFilter.Name).And.Contain($"{file}:4 <rpc:filter>"));
    }

    [Test]
    public void Filter_ProviderOnlyOnAReference_IsAnError()
    {
        var file = TestFiles.WriteTemp($"""
              <rpc:reference {Xmlns} id="r" interface="{Echo}">
                <rpc:filter name="{ProviderOnlyFilter.Name}"/>
              </rpc:reference>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain($"filter '{ProviderOnlyFilter.Name}' runs on the provider side only").And.Contain($"{file}:3:"));
    }

    [Test]
    public void Filter_RemovalInAServer_IsRefused()
    {
        var file = TestFiles.WriteTemp($"""
              <rpc:server {Xmlns} id="s" port="0">
                <rpc:filter name="-{StampFilter.Name}"/>
              </rpc:server>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("'-name' removes a global filter and belongs in a <rpc:service>").And.Contain($"{file}:4:"));
    }

    [Test]
    public void Filter_RemovalWithSettings_IsRefused()
    {
        var file = TestFiles.WriteTemp($"""
              <rpc:reference {Xmlns} id="r" interface="{Echo}">
                <rpc:filter name="-{StampFilter.Name}" label="x"/>
              </rpc:reference>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("removes a global filter and takes no settings").And.Contain($"{file}:4:"));
    }

    [Test]
    public void Router_UnknownName_IsAnError()
    {
        var file = TestFiles.WriteTemp($"""
              <rpc:reference {Xmlns} id="r" interface="{Echo}">
                <rpc:router name="nosuchrouter" rule="x"/>
              </rpc:reference>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("unknown router 'nosuchrouter'; known names:").And.Contain(FirstProviderRouter.Name));
    }

    [Test]
    public void Cluster_AttributeAndChild_IsAnError()
    {
        var file = TestFiles.WriteTemp($"""
              <rpc:reference {Xmlns} id="r" interface="{Echo}" cluster="forking">
                <rpc:cluster name="forking" forks="2"/>
              </rpc:reference>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("both a cluster attribute and a <rpc:cluster> child").And.Contain($"{file}:4:"));
    }

    [Test]
    public void Schema_AnyAttributeOnlyOnExtensions_OtherElementsStayClosed()
    {
        var file = TestFiles.WriteTemp($"""  <rpc:reference {Xmlns} id="r" interface="{Echo}" forks="2"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("forks").And.Contain($"{file}:3:"));
    }

    [Test]
    public void Filter_OutsideAnElement_IsNotDeclared()
    {
        var file = TestFiles.WriteTemp($"""  <rpc:filter {Xmlns} name="{StampFilter.Name}"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("<filter> is not declared").And.Contain($"{file}:3:"));
    }

    [Test]
    public void Extensions_MissingFolder_IsAnErrorNamingIt()
    {
        var file = TestFiles.WriteTemp($"""  <rpc:extensions {Xmlns} plugin-folder="no-such-plugins"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("plugin-folder='no-such-plugins'").And.Contain("does not exist").And.Contain($"{file}:3:"));
    }

    [Test]
    public void PluginSerializer_WithoutExtensionsElement_IsUnknown()
    {
        var file = TestFiles.WriteTemp($"""  <rpc:server {Xmlns} id="s" port="0" serialization="reverse"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("serialization='reverse': unknown serializer 'reverse'; known names:").And.Contain($"{file}:3:"));
    }
}
