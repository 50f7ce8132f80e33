using Bhrpc.Spring.Context;
using Bhrpc.Spring.Tests.Context;

namespace Bhrpc.Spring.Tests.Rpc;

/// <summary><c>&lt;rpc:registry&gt;</c> maps onto <see cref="RegistryOptions"/> (parse only; nothing connects).</summary>
public sealed class RegistryElementTests
{
    [Test]
    public void Registry_Urls_AndTypedAddresses_MapOntoRegistryOptions()
    {
        using var context = new XmlApplicationContext(TestFiles.Path(Path.Combine("rpc", "registries.xml")));

        var zk = context.GetObject<RegistryOptions>("zk");
        var etcd = context.GetObject<RegistryOptions>("etcd");
        var local = context.GetObject<RegistryOptions>("local");

        Assert.Multiple(() =>
        {
            Assert.That((zk.Type, zk.Address, zk.Root, zk.SessionTimeout), Is.EqualTo(("zookeeper", "127.0.0.1:2181", "/x", TimeSpan.FromSeconds(2))));
            Assert.That((etcd.Type, etcd.Address, etcd.Root, etcd.SessionTimeout), Is.EqualTo(("etcd", "127.0.0.1:2379,127.0.0.2:2379", "/r", TimeSpan.FromMilliseconds(3500))));
            Assert.That((local.Type, local.Address), Is.EqualTo(("local", (string?)null)));
        });
    }

    [Test]
    public void Registry_BadUrl_IsAnErrorAtTheAddress()
    {
        var file = TestFiles.WriteTemp("""  <rpc:registry xmlns:rpc="http://www.bhrpc.io/schema/rpc" id="r" address="127.0.0.1:2181"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("is not a registry URL").And.Contain($"{file}:3:"));
    }
}
