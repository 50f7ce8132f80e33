using System.Text;
using Bhrpc.Registry;

namespace Bhrpc.Tests.Registry;

public class CuratorInstanceJsonTests
{
    private const string KnownJson =
        """{"name":"io.binghe.rpc.test.api.DemoService#1.0.0#binghe","id":"5c1e3e4b-7f0a-4d8e-9a47-2f6b3c9d1e80","address":"127.0.0.1","port":27880,"sslPort":null,"payload":{"@class":"io.binghe.rpc.protocol.meta.ServiceMeta","serviceName":"io.binghe.rpc.test.api.DemoService","serviceVersion":"1.0.0","serviceAddr":"127.0.0.1","servicePort":27880,"serviceGroup":"binghe","weight":2},"registrationTimeUTC":1700000000123,"serviceType":"DYNAMIC","uriSpec":null}""";

    private static readonly ServiceInstance s_known = new(
        "io.binghe.rpc.test.api.DemoService",
        "1.0.0",
        "binghe",
        "127.0.0.1",
        27880,
        2,
        "5c1e3e4b-7f0a-4d8e-9a47-2f6b3c9d1e80",
        DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123));

    [Test]
    public void Write_KnownInstance_ProducesJavaBhrpcBytesInKeyOrder()
    {
        var bytes = CuratorInstanceJson.Write(s_known);

        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo(KnownJson));
        Assert.That(bytes, Is.EqualTo(Encoding.UTF8.GetBytes(KnownJson)), "compact UTF-8 without a byte-order mark");
    }

    [Test]
    public void Read_KnownBytes_ReturnsTheInstance()
    {
        var instance = CuratorInstanceJson.Read(Encoding.UTF8.GetBytes(KnownJson));

        Assert.That(instance, Is.EqualTo(s_known));
    }

    [Test]
    public void Write_TaggedInstance_WritesTagLastInThePayloadAndReadsItBack()
    {
        var tagged = s_known with { Tag = "gray" };

        var bytes = CuratorInstanceJson.Write(tagged);

        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo(KnownJson.Replace("\"weight\":2}", "\"weight\":2,\"tag\":\"gray\"}", StringComparison.Ordinal)));
        Assert.That(CuratorInstanceJson.Read(bytes).Tag, Is.EqualTo("gray"));
        Assert.That(CuratorInstanceJson.Read(Encoding.UTF8.GetBytes(KnownJson)).Tag, Is.Null, "a Java provider's node has no tag");
    }

    [Test]
    public void Write_NonAsciiAndSpecialCharacters_WritesRawUtf8AndReadsBack()
    {
        var instance = s_known with { Group = "灰度+<beta>&'x'", ServiceName = "com.acme.Svc\"quoted\"" };

        var bytes = CuratorInstanceJson.Write(instance);
        var text = Encoding.UTF8.GetString(bytes);

        Assert.That(text, Does.Contain("\"serviceGroup\":\"灰度+<beta>&'x'\""), "Jackson writes these characters unescaped");
        Assert.That(text, Does.Contain("\"serviceName\":\"com.acme.Svc\\\"quoted\\\"\""));
        Assert.That(CuratorInstanceJson.Read(bytes), Is.EqualTo(instance));
    }

    [Test]
    public void Read_NewerCuratorWithEnabledAndNoWeight_IgnoresUnknownKeysAndReadsWeightOne()
    {
        const string json = """
            {"name":"a.B#2.0.0#g","id":"id-1","address":"10.0.0.1","port":1,"sslPort":null,
             "payload":{"@class":"io.binghe.rpc.protocol.meta.ServiceMeta","serviceName":"a.B","serviceVersion":"2.0.0",
                        "serviceAddr":"10.0.0.9","servicePort":9000,"serviceGroup":"g","extra":{"nested":[1,{"x":null}]}},
             "registrationTimeUTC":1000,"serviceType":"DYNAMIC","uriSpec":{"parts":[{"value":"x","variable":false}]},
             "enabled":true}
            """;

        var instance = CuratorInstanceJson.Read(Encoding.UTF8.GetBytes(json));

        Assert.That(instance, Is.EqualTo(new ServiceInstance("a.B", "2.0.0", "g", "10.0.0.9", 9000, 1, "id-1", DateTimeOffset.FromUnixTimeMilliseconds(1000))));
    }

    [Test]
    public void Read_NoServiceGroup_ReadsEmptyGroup()
    {
        const string json = """{"name":"a.B#1.0.0#","id":"i","payload":{"serviceName":"a.B","serviceVersion":"1.0.0","serviceAddr":"h","servicePort":5,"weight":7}}""";

        var instance = CuratorInstanceJson.Read(Encoding.UTF8.GetBytes(json));

        Assert.That(instance.Group, Is.Empty);
        Assert.That(instance.ServiceKey, Is.EqualTo("a.B#1.0.0#"));
        Assert.That(instance.Weight, Is.EqualTo(7));
    }

    [Test]
    public void Read_PayloadWithoutAddressOrService_FallsBackToCuratorAddressPortAndName()
    {
        const string json = """{"name":"a.B#3.0.0#grp","id":"i","address":"192.168.1.2","port":8080,"payload":{"weight":3}}""";

        var instance = CuratorInstanceJson.Read(Encoding.UTF8.GetBytes(json));

        Assert.That(instance.Host, Is.EqualTo("192.168.1.2"));
        Assert.That(instance.Port, Is.EqualTo(8080));
        Assert.That(instance.ServiceName, Is.EqualTo("a.B"));
        Assert.That(instance.Version, Is.EqualTo("3.0.0"));
    }

    [TestCase("", TestName = "Read_Empty_ThrowsFormatException")]
    [TestCase("not json", TestName = "Read_NotJson_ThrowsFormatException")]
    [TestCase("[]", TestName = "Read_Array_ThrowsFormatException")]
    [TestCase("""{"name":"a#1#","id":"i","address":"h","po""", TestName = "Read_Truncated_ThrowsFormatException")]
    [TestCase("""{"name":"a#1#","address":"h","port":1}""", TestName = "Read_NoId_ThrowsFormatException")]
    [TestCase("""{"name":"a#1#","id":"i","address":"h"}""", TestName = "Read_NoPort_ThrowsFormatException")]
    [TestCase("""{"name":"a#1#","id":"i","port":1}""", TestName = "Read_NoHost_ThrowsFormatException")]
    [TestCase("""{"name":"a#1#","id":"i","address":"h","port":"1"}""", TestName = "Read_PortAsString_ThrowsFormatException")]
    [TestCase("""{"name":"a#1#","id":"i","address":"h","port":1}{"id":"j"}""", TestName = "Read_TwoObjects_ThrowsFormatException")]
    public void Read_BadInput_ThrowsFormatException(string json)
    {
        Assert.That(() => CuratorInstanceJson.Read(Encoding.UTF8.GetBytes(json)), Throws.InstanceOf<FormatException>());
    }
}
