using Bhrpc.Spring.Context;
using Bhrpc.Spring.Tests.Context;

namespace Bhrpc.Spring.Tests.Rpc;

/// <summary>Schema violations, unknown ids and invalid settings fail the context with file:line:column.</summary>
public sealed class RpcNamespaceErrorTests
{
    private const string Echo = "Bhrpc.Spring.Tests.Rpc.IEcho, Bhrpc.Spring.Tests";
    private const string Xmlns = "xmlns:rpc=\"http://www.bhrpc.io/schema/rpc\"";

    [Test]
    public void Schema_UnknownAttribute_IsAnErrorAtItsLine()
    {
        var file = TestFiles.WriteTemp($"""  <rpc:server {Xmlns} id="s" prot="1"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("prot").And.Contain($"{file}:3:"));
    }

    [Test]
    public void Schema_MissingInterface_IsAnError()
    {
        var file = TestFiles.WriteTemp($"""  <rpc:reference {Xmlns} id="r"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("interface").And.Contain($"{file}:3:"));
    }

    [TestCase("70000")]
    [TestCase("port")]
    public void Schema_BadPort_IsAnError(string port)
    {
        var file = TestFiles.WriteTemp($"""  <rpc:server {Xmlns} id="s" port="{port}"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain(port).And.Contain($"{file}:3:"));
    }

    [Test]
    public void Placeholder_ResolvedToABadPort_IsAnErrorNamingTheAttribute()
    {
        var file = TestFiles.WriteTemp($$"""  <rpc:server {{Xmlns}} id="s" port="${BHRPC_RPCNS_NO_SUCH_VAR:99999}"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("port='99999'").And.Contain($"{file}:3:"));
    }

    [Test]
    public void Service_UnknownRef_ListsKnownIds()
    {
        var file = TestFiles.WriteTemp($"""
              <object id="echo" type="Bhrpc.Spring.Tests.Rpc.TaggedEcho, Bhrpc.Spring.Tests"><constructor-arg value="x"/></object>
              <rpc:service {Xmlns} interface="{Echo}" ref="ecco"/>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("ref='ecco'").And.Contain("Known ids: echo.").And.Contain($"{file}:4:"));
    }

    [Test]
    public void Service_UnknownServer_ListsKnownServerIds()
    {
        var file = TestFiles.WriteTemp($"""
              <object id="echo" type="Bhrpc.Spring.Tests.Rpc.TaggedEcho, Bhrpc.Spring.Tests"><constructor-arg value="x"/></object>
              <rpc:server {Xmlns} id="main" port="0"/>
              <rpc:service {Xmlns} interface="{Echo}" ref="echo" server="other"/>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("server='other'").And.Contain("Known <rpc:server> ids: main.").And.Contain($"{file}:5:"));
    }

    [Test]
    public void Reference_UnknownRegistry_ListsKnownRegistryIds()
    {
        var file = TestFiles.WriteTemp($"""
              <rpc:registry {Xmlns} id="zk" address="zookeeper://127.0.0.1:2181"/>
              <rpc:reference {Xmlns} id="r" interface="{Echo}" registry="etcd"/>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("registry='etcd'").And.Contain("Known <rpc:registry> ids: zk.").And.Contain($"{file}:4:"));
    }

    [Test]
    public void Server_UnknownRegistry_ListsNoneWhenThereIsNone()
    {
        var file = TestFiles.WriteTemp($"""  <rpc:server {Xmlns} id="s" port="0" registry="zk"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("registry='zk'").And.Contain("(none)").And.Contain($"{file}:3:"));
    }

    [Test]
    public void Service_RefNotImplementingTheInterface_IsAnError()
    {
        var file = TestFiles.WriteTemp($"""
              <object id="wrong" type="Bhrpc.Spring.Tests.Rpc.NotAnInterface, Bhrpc.Spring.Tests"/>
              <rpc:server {Xmlns} id="s" port="0"/>
              <rpc:service {Xmlns} interface="{Echo}" ref="wrong"/>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("does not implement Bhrpc.Spring.Tests.Rpc.IEcho").And.Contain($"{file}:5:"));
    }

    [Test]
    public void Reference_InterfaceThatIsAClass_IsAnError()
    {
        var file = TestFiles.WriteTemp($"""  <rpc:reference {Xmlns} id="r" interface="Bhrpc.Spring.Tests.Rpc.NotAnInterface, Bhrpc.Spring.Tests"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("not an interface").And.Contain($"{file}:3:"));
    }

    [TestCase("retries=\"-5\"", "Retries must be 0 or more")]
    [TestCase("cluster=\"roundabout\"", "unknown cluster 'roundabout'; known names: ")]
    [TestCase("serialization=\"xml\"", "serialization='xml': unknown serializer 'xml'; known names: hessian2, json")]
    public void Reference_InvalidSetting_IsAnErrorAtTheElement(string attribute, string expected)
    {
        var file = TestFiles.WriteTemp($"""  <rpc:reference {Xmlns} id="r" interface="{Echo}" {attribute}/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain(expected).And.Contain($"{file}:3:"));
    }

    [Test]
    public void Consumer_Twice_IsAnError()
    {
        var file = TestFiles.WriteTemp($"""
              <rpc:consumer {Xmlns} group="a"/>
              <rpc:consumer {Xmlns} group="b"/>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("Only one <rpc:consumer>").And.Contain($"{file}:4:"));
    }
}
