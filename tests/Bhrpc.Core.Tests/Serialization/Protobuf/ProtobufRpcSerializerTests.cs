using System.Buffers;
using Bhrpc.Protocol;
using Bhrpc.Serialization.Protobuf;
using Bhrpc.Tests.Protos;
using Bhrpc.Tests.Serialization.Behaviour;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Bhrpc.Tests.Serialization.Protobuf;

/// <summary>What only the protobuf serializer does: the types it refuses, and its wire encodings.</summary>
[TestFixture]
public sealed class ProtobufRpcSerializerTests
{
    private readonly ProtobufRpcSerializer _serializer = new();

    public sealed record Point(int X, int Y);

    private static IEnumerable<TestCaseData> UnsupportedValues()
    {
        yield return new TestCaseData(typeof(DateTime), DateTime.UnixEpoch).SetArgDisplayNames("DateTime");
        yield return new TestCaseData(typeof(decimal), 1.5m).SetArgDisplayNames("decimal");
        yield return new TestCaseData(typeof(Point), new Point(1, 2)).SetArgDisplayNames("record");
        yield return new TestCaseData(typeof(List<string>), new List<string> { "a" }).SetArgDisplayNames("List<string>");
        yield return new TestCaseData(typeof(object), "text").SetArgDisplayNames("object");
        yield return new TestCaseData(typeof(IMessage), new Address()).SetArgDisplayNames("IMessage interface");
    }

    [TestCaseSource(nameof(UnsupportedValues))]
    public void WriteRequest_UnsupportedDeclaredType_ThrowsSerializationNamingTheType(System.Type type, object value)
    {
        var request = new RpcRequest { ClassName = "S", MethodName = "m", ParameterTypes = ["x"], Parameters = [value], ParameterClrTypes = [type] };

        var error = Assert.Throws<RpcException>(() => _serializer.WriteRequest(request, new ArrayBufferWriter<byte>()));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.Contain(type.ToString()).And.Contain("IMessage").And.Contain("primitives").And.Contain("string"));
    }

    [Test]
    public void ReadParameters_UndeclaredTypeOnTheServer_ThrowsSerializationWithoutParsing()
    {
        var body = Write(new RpcRequest { ClassName = "S", MethodName = "m", ParameterTypes = ["x"], Parameters = [new Address { City = "Rome" }], ParameterClrTypes = [typeof(Address)] });

        var error = Assert.Throws<RpcException>(() => _serializer.ReadRequest(body).ReadParameters([typeof(object)]));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.Contain("System.Object"));
    }

    [Test]
    public void WriteRequest_ValueOfAnotherTypeThanDeclared_ThrowsSerialization()
    {
        var request = new RpcRequest { ClassName = "S", MethodName = "m", ParameterTypes = ["int"], Parameters = ["7"], ParameterClrTypes = [typeof(int)] };

        var error = Assert.Throws<RpcException>(() => _serializer.WriteRequest(request, new ArrayBufferWriter<byte>()));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.Contain("System.String").And.Contain("System.Int32"));
    }

    [Test]
    public void ReadParameters_MessageBytesThatAreNotTheDeclaredMessage_ThrowsSerialization()
    {
        // Bytes that are no message at all: a field with the invalid wire type 7.
        var envelope = new ProtobufRequestEnvelope { ClassName = "S", MethodName = "m", Parameters = { new ProtobufValue { Data = ByteString.CopyFrom(0x0F, 0x01) } } };
        var body = new ReadOnlySequence<byte>(envelope.ToByteArray());

        var error = Assert.Throws<RpcException>(() => _serializer.ReadRequest(body).ReadParameters([typeof(Customer)]));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.Contain("argument 0 of S.m").And.Contain("Customer"));
    }

    [Test]
    public void WriteRequest_Primitive_IsTheWellKnownWrapperMessage()
    {
        var body = Write(new RpcRequest { ClassName = "S", MethodName = "m", ParameterTypes = ["int"], Parameters = [-5], ParameterClrTypes = [typeof(int)] });

        var envelope = ProtobufRequestEnvelope.Parser.ParseFrom(body);

        Assert.That(Int32Value.Parser.ParseFrom(envelope.Parameters[0].Data).Value, Is.EqualTo(-5));
    }

    [Test]
    public void WriteRequest_Message_IsTheMessagesOwnEncoding()
    {
        var customer = ProtobufSerializerBehaviourTests.SampleCustomer();
        var body = Write(new RpcRequest { ClassName = "S", MethodName = "m", ParameterTypes = ["c"], Parameters = [customer], ParameterClrTypes = [typeof(Customer)] });

        var envelope = ProtobufRequestEnvelope.Parser.ParseFrom(body);

        Assert.That(envelope.Parameters[0].Data.ToByteArray(), Is.EqualTo(customer.ToByteArray()));
    }

    [Test]
    public void ReadParameters_NullableInt_NullAndValueRoundTrip()
    {
        var body = Write(new RpcRequest { ClassName = "S", MethodName = "m", ParameterTypes = ["a", "b"], Parameters = [null, 3], ParameterClrTypes = [typeof(int?), typeof(int?)] });

        Assert.That(_serializer.ReadRequest(body).ReadParameters([typeof(int?), typeof(int?)]), Is.EqualTo(new object?[] { null, 3 }));
    }

    [Test]
    public void WriteRequest_NoDeclaredTypes_WritesRuntimeTypes()
    {
        var body = Write(new RpcRequest { ClassName = "S", MethodName = "m", ParameterTypes = ["a", "b", "c"], Parameters = [new Address { City = "Oslo" }, 4L, null] });

        var arguments = _serializer.ReadRequest(body).ReadParameters([typeof(Address), typeof(long), typeof(string)]);

        Assert.That(arguments, Is.EqualTo(new object?[] { new Address { City = "Oslo" }, 4L, null }));
    }

    private ReadOnlySequence<byte> Write(RpcRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        _serializer.WriteRequest(request, buffer);
        return new ReadOnlySequence<byte>(buffer.WrittenMemory);
    }
}
