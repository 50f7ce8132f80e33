using System.Buffers;
using Bhrpc.Metadata;
using Bhrpc.Protocol;
using Bhrpc.Serialization.Hessian;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Serialization.Hessian;

public sealed class Hessian2RpcSerializerTests
{
    private readonly Hessian2RpcSerializer _serializer = new();

    [PortableName("com.example.Order")]
    public sealed record Order(string Id, decimal Amount, List<string> Tags, InteropColor Color);

    private static byte[] Write(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private object?[] RoundTrip(object?[] parameters, Type[] types)
    {
        var bytes = Write(w => _serializer.WriteRequest(new RpcRequest { ClassName = "S", MethodName = "m", ParameterTypes = [], Parameters = parameters }, w));

        // Split into 7-byte segments: the reader must not depend on one contiguous buffer.
        return _serializer.ReadRequest(SequenceHelper.Split(bytes, 7)).ReadParameters(types);
    }

    [Test]
    public void Request_RoundTrip_KeepsEveryDeclaredType()
    {
        var order = new Order("o-1", 12.50m, ["a", "b"], InteropColor.BLUE);
        var when = new DateTime(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc);
        object?[] values = [(short)-3, (byte)200, 1.5f, 'x', 5_000_000_000L, order, when, new Dictionary<int, string> { [7] = "seven" }, new long[] { 1, -2 }, null, (int?)4];
        Type[] types = [typeof(short), typeof(byte), typeof(float), typeof(char), typeof(long), typeof(Order), typeof(DateTime), typeof(Dictionary<int, string>), typeof(long[]), typeof(string), typeof(int?)];
        var read = RoundTrip(values, types);
        using (Assert.EnterMultipleScope())
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (i != 5)
                {
                    Assert.That(read[i], Is.EqualTo(values[i]), $"argument {i}");
                }
            }

            // A record compares its list by reference: compare the rest, then the list's items.
            Assert.That((Order)read[5]! with { Tags = order.Tags }, Is.EqualTo(order));
            Assert.That(((Order)read[5]!).Tags, Is.EqualTo(order.Tags));
        }
    }

    [Test]
    public void Request_HeaderFields_RoundTrip()
    {
        var attachments = new Dictionary<string, string> { ["traceparent"] = "00-abc-01" };
        var bytes = Write(w => _serializer.WriteRequest(new RpcRequest
        {
            ClassName = "com.example.S",
            MethodName = "m",
            ParameterTypes = ["int", "java.lang.String"],
            Parameters = [1, "x"],
            Version = "2.0",
            Group = "blue",
            Oneway = true,
            Attachments = attachments,
        }, w));
        Assert.That(bytes[..3], Is.EqualTo(new byte[] { (byte)'p', 2, 0 }));
        var request = _serializer.ReadRequest(new ReadOnlySequence<byte>(bytes));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.ClassName, Is.EqualTo("com.example.S"));
            Assert.That(request.ParameterTypes, Is.EqualTo(new[] { "int", "java.lang.String" }));
            Assert.That(request.Version, Is.EqualTo("2.0"));
            Assert.That(request.Group, Is.EqualTo("blue"));
            Assert.That(request.Oneway, Is.True);
            Assert.That(request.Async, Is.False);
            Assert.That(request.Attachments, Is.EqualTo(attachments));
        }
    }

    [Test]
    public void Response_ObjectResult_BecomesFieldsNeverTheWireType()
    {
        var bytes = Write(w => _serializer.WriteResponse(new RpcResponse { Result = new Order("o", 1m, [], InteropColor.RED) }, w));
        var result = _serializer.ReadResponse(new ReadOnlySequence<byte>(bytes)).ReadResult(typeof(object));
        Assert.That(result, Is.InstanceOf<Dictionary<string, object?>>());
        var fields = (Dictionary<string, object?>)result!;
        Assert.That(fields["id"], Is.EqualTo("o"));
        Assert.That(fields["amount"], Is.EqualTo(1m));
        Assert.That(((Dictionary<string, object?>)fields["color"]!)["name"], Is.EqualTo("RED"));
    }

    [Test]
    public void Response_TypedResultAndErrorType_RoundTrip()
    {
        var order = new Order("o", 2.25m, ["t"], InteropColor.GREEN);
        var bytes = Write(w => _serializer.WriteResponse(new RpcResponse { Result = order, ErrorType = "E", Error = "boom", Async = true }, w));
        var response = _serializer.ReadResponse(new ReadOnlySequence<byte>(bytes));
        Assert.That(response.Error, Is.EqualTo("boom"));
        Assert.That(response.ErrorType, Is.EqualTo("E"));
        Assert.That(response.Async, Is.True);
        var read = (Order)response.ReadResult(typeof(Order))!;
        Assert.That(read with { Tags = order.Tags }, Is.EqualTo(order));
        Assert.That(read.Tags, Is.EqualTo(order.Tags));
    }

    [Test]
    public void ReadResponse_WithFinalZ_AndWithoutEnvelope_Accepted()
    {
        var bytes = Write(w => _serializer.WriteResponse(new RpcResponse { Result = 5 }, w));
        var withZ = new ReadOnlySequence<byte>([.. bytes, (byte)'z']);
        var bare = new ReadOnlySequence<byte>(bytes[3..]);
        Assert.That(_serializer.ReadResponse(withZ).ReadResult(typeof(int)), Is.EqualTo(5));
        Assert.That(_serializer.ReadResponse(bare).ReadResult(typeof(int)), Is.EqualTo(5));
    }

    [Test]
    public void ReadParameters_WrongCount_ThrowsSerialization()
    {
        var bytes = Write(w => _serializer.WriteRequest(new RpcRequest { ClassName = "S", MethodName = "m", ParameterTypes = [], Parameters = [1] }, w));
        var request = _serializer.ReadRequest(new ReadOnlySequence<byte>(bytes));
        var e = Assert.Throws<RpcException>(() => request.ReadParameters([]));
        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
    }

    [TestCase("text", typeof(int))]
    [TestCase(3_000_000_000L, typeof(int))]
    [TestCase(1.5, typeof(long))]
    [TestCase("PURPLE", typeof(InteropColor))]
    [TestCase(7, typeof(Order))]
    public void ReadParameters_ValueDoesNotFit_ThrowsSerialization(object value, Type type)
    {
        var bytes = Write(w => _serializer.WriteRequest(new RpcRequest { ClassName = "S", MethodName = "m", ParameterTypes = [], Parameters = [value] }, w));
        var request = _serializer.ReadRequest(new ReadOnlySequence<byte>(bytes));
        var e = Assert.Throws<RpcException>(() => request.ReadParameters([type]));
        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(e.Message, Does.Contain("argument 0"));
    }

    [Test]
    public void WriteRequest_ArgumentDoesNotFitDeclaredType_ThrowsSerialization()
    {
        var e = Assert.Throws<RpcException>(() => Write(w => _serializer.WriteRequest(
            new RpcRequest { ClassName = "S", MethodName = "m", ParameterTypes = ["int"], Parameters = ["x"], ParameterClrTypes = [typeof(int)] }, w)));
        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
    }

    [Test]
    public void WriteResponse_NestingBeyondTheLimit_ThrowsSerialization()
    {
        object nested = new List<object?>();
        for (var i = 0; i < 100; i++)
        {
            nested = new List<object?> { nested };
        }

        var e = Assert.Throws<RpcException>(() => Write(w => _serializer.WriteResponse(new RpcResponse { Result = nested }, w)));
        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
    }

    [TestCase(new byte[] { })]
    [TestCase(new byte[] { (byte)'p', 2, 0 })]
    [TestCase(new byte[] { (byte)'p', 2, 0, 0x90 })]
    [TestCase(new byte[] { (byte)'p', 3, 0, (byte)'N' })]
    public void ReadRequest_NotARequest_ThrowsSerialization(byte[] body)
    {
        var e = Assert.Throws<RpcException>(() => _serializer.ReadRequest(new ReadOnlySequence<byte>(body)));
        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
    }

    [Test]
    public void Options_BadLimit_NamesTheSetting()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Hessian2RpcSerializer(new Hessian2SerializerOptions { MaxDepth = 0 }));
        Assert.That(e!.Message, Does.Contain("MaxDepth"));
    }
}
