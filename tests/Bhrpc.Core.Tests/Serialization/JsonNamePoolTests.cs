using System.Buffers;
using Bhrpc.Protocol;
using Bhrpc.Serialization.Json;

namespace Bhrpc.Tests.Serialization;

public sealed class JsonNamePoolTests
{
    private static Bhrpc.Serialization.DecodedRequest Read(RpcRequest request)
    {
        var serializer = new JsonRpcSerializer();
        var buffer = new ArrayBufferWriter<byte>();
        serializer.WriteRequest(request, buffer);
        return serializer.ReadRequest(new ReadOnlySequence<byte>(buffer.WrittenMemory));
    }

    private static RpcRequest Request(string service) => new()
    {
        ClassName = service,
        MethodName = "Echo",
        ParameterTypes = ["java.lang.String", "int"],
        Parameters = ["x", 1],
        Version = "2.0.0",
        Group = "g",
    };

    [Test]
    public void ReadRequest_RepeatedHeader_ReusesTheSameStringsAndArray()
    {
        var first = Read(Request("Pool.Test.IService"));
        var second = Read(Request("Pool.Test.IService"));

        Assert.Multiple(() =>
        {
            Assert.That(second.ClassName, Is.SameAs(first.ClassName));
            Assert.That(second.MethodName, Is.SameAs(first.MethodName));
            Assert.That(second.Version, Is.SameAs(first.Version));
            Assert.That(second.ParameterTypes, Is.SameAs(first.ParameterTypes));
            Assert.That(second.ParameterTypes, Is.EqualTo(new[] { "java.lang.String", "int" }));
        });
    }

    [Test]
    public void ReadRequest_ManyDistinctNames_StayCorrectPastThePoolLimit()
    {
        for (var i = 0; i < 5000; i++)
        {
            var name = $"Pool.Flood.IService{i}";
            Assert.That(Read(Request(name)).ClassName, Is.EqualTo(name));
        }
    }

    [Test]
    public void ReadRequest_EscapedName_IsDecoded()
    {
        var body = """{"className":"A\u0042C","methodName":"m","parameterTypes":[],"parameters":[]}"""u8.ToArray();
        var request = new JsonRpcSerializer().ReadRequest(new ReadOnlySequence<byte>(body));
        Assert.That(request.ClassName, Is.EqualTo("ABC"));
    }
}
