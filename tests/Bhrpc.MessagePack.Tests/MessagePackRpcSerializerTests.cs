using System.Buffers;
using Bhrpc.Extensions;
using Bhrpc.Protocol;
using Bhrpc.Serialization;
using Bhrpc.Serialization.MessagePack;
using MessagePack;
using MessagePack.Resolvers;

namespace Bhrpc.MessagePack.Tests;

/// <summary>What the <c>msgpack</c> serializer does beyond the behaviour suite: its name, what it refuses, and how it reports it.</summary>
[TestFixture]
public sealed class MessagePackRpcSerializerTests
{
    private readonly MessagePackRpcSerializer _serializer = new();

    [Test]
    public void ExtensionLoader_NameMsgpack_MakesThisSerializer()
    {
        var loader = new ExtensionLoader(new ExtensionLoaderOptions());

        Assert.That(loader.ImplementationType<IRpcSerializer>("msgpack"), Is.EqualTo(typeof(MessagePackRpcSerializer)));
        Assert.That(loader.Create<IRpcSerializer>("msgpack"), Is.InstanceOf<MessagePackRpcSerializer>());
    }

    [Test]
    public void ReadParameters_TypelessPayloadNamingAType_NeverConstructsIt()
    {
        var payload = HostilePayload(typeof(object), new Sentinel());
        var decoded = _serializer.ReadRequest(Body(typeof(Sentinel).AssemblyQualifiedName!, payload));

        var error = Assert.Throws<RpcException>(() => decoded.ReadParameters([typeof(object)]));

        Assert.That(Sentinel.Constructed, Is.Zero, "the decoder constructed the type the payload names");
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.StartWith("argument 0 of S.m is not a valid System.Object"));
    }

    [Test]
    public void ReadParameters_TypelessPayloadInAnObjectMember_NeverConstructsIt()
    {
        var payload = HostilePayload(typeof(Holder), new Holder { Value = new Sentinel() });
        var decoded = _serializer.ReadRequest(Body(typeof(Holder).FullName!, payload));

        var error = Assert.Throws<RpcException>(() => decoded.ReadParameters([typeof(Holder)]));

        Assert.That(Sentinel.Constructed, Is.Zero, "the decoder constructed the type the payload names");
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.StartWith($"argument 0 of S.m is not a valid {typeof(Holder).FullName}"));
    }

    [Test]
    public void ReadResult_TypelessPayloadNamingAType_NeverConstructsIt()
    {
        var payload = HostilePayload(typeof(object), new Sentinel());
        var decoded = _serializer.ReadResponse(Body((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(1);
            w.Write("result");
            w.WriteRaw(payload);
        }));

        var error = Assert.Throws<RpcException>(() => decoded.ReadResult(typeof(object)));

        Assert.That(Sentinel.Constructed, Is.Zero, "the decoder constructed the type the payload names");
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.StartWith("the result is not a valid System.Object"));
    }

    [Test]
    public void WriteRequest_TypeWithoutMessagePackObject_ThrowsSerializationSayingWhatItCarries()
    {
        var request = new RpcRequest
        {
            ClassName = "S",
            MethodName = "m",
            ParameterTypes = ["Unannotated"],
            Parameters = [new Unannotated { Value = 1 }],
            ParameterClrTypes = [typeof(Unannotated)],
        };

        var error = Assert.Throws<RpcException>(() => _serializer.WriteRequest(request, new ArrayBufferWriter<byte>()));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.Contain("argument 0 of S.m").And.Contain(typeof(Unannotated).FullName!).And.Contain("[MessagePackObject]"));
    }

    [Test]
    public void WriteRequest_ValueNotOfTheDeclaredType_ThrowsSerialization()
    {
        var request = new RpcRequest { ClassName = "S", MethodName = "m", ParameterTypes = ["int"], Parameters = ["seven"], ParameterClrTypes = [typeof(int)] };

        var error = Assert.Throws<RpcException>(() => _serializer.WriteRequest(request, new ArrayBufferWriter<byte>()));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.Contain("argument 0 of S.m is a System.String, not the declared System.Int32"));
    }

    [Test]
    public void ReadParameters_ValueOfAnotherShape_ThrowsSerializationNamingTheArgumentAndType()
    {
        var decoded = _serializer.ReadRequest(Body("int", Raw((ref MessagePackWriter w) => w.Write("seven"))));

        var error = Assert.Throws<RpcException>(() => decoded.ReadParameters([typeof(int)]));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.StartWith("argument 0 of S.m is not a valid System.Int32"));
    }

    [Test]
    public void ReadParameters_DeeplyNestedValue_ThrowsSerializationWithoutExhaustingTheStack()
    {
        const int depth = 100_000;
        var nested = new byte[depth + 1];
        nested.AsSpan(0, depth).Fill(0x91); // fixarray of one element, 100,000 deep
        nested[depth] = 0xc0; // nil

        var decoded = _serializer.ReadRequest(Body("object", nested));
        var error = Assert.Throws<RpcException>(() => decoded.ReadParameters([typeof(object)]));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.StartWith("argument 0 of S.m is not a valid System.Object"));
    }

    [TestCase(400, true)]
    [TestCase(600, false)]
    public void ReadParameters_NestedArrays_ReadUpToTheUntrustedDataDepthOf500(int depth, bool reads)
    {
        var nested = new byte[depth + 1];
        nested.AsSpan(0, depth).Fill(0x91);
        nested[depth] = 0x07;
        var decoded = _serializer.ReadRequest(Body("object", nested));

        if (reads)
        {
            var value = decoded.ReadParameters([typeof(object)])[0];
            for (var level = 0; level < depth; level++)
            {
                value = ((object[])value!)[0];
            }

            Assert.That(value, Is.EqualTo(7));
        }
        else
        {
            var error = Assert.Throws<RpcException>(() => decoded.ReadParameters([typeof(object)]));
            Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        }
    }

    [Test]
    public void ReadRequest_BodyNotAMap_ThrowsSerializationSayingAMapWasExpected()
    {
        var error = Assert.Throws<RpcException>(() => _serializer.ReadRequest(Body((ref MessagePackWriter w) => w.WriteArrayHeader(0))));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Is.EqualTo("msgpack body is not a valid request: expected a map of the request's fields, found an array."));
    }

    [Test]
    public void ReadRequest_NoClassName_ThrowsSerializationNamingTheField()
    {
        var error = Assert.Throws<RpcException>(() => _serializer.ReadRequest(Body((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(1);
            w.Write("methodName");
            w.Write("m");
        })));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.Contain("missing field 'className'"));
    }

    [Test]
    public void ReadRequest_FieldOfTheWrongType_ThrowsSerializationNamingFieldAndExpectedType()
    {
        var error = Assert.Throws<RpcException>(() => _serializer.ReadRequest(Body((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(1);
            w.Write("async");
            w.Write("yes");
        })));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.Contain("expected a boolean for 'async', found a string"));
    }

    [Test]
    public void ReadRequest_BytesAfterTheMap_ThrowsSerialization()
    {
        var body = WriteRequest(new RpcRequest { ClassName = "S", MethodName = "m", ParameterTypes = [], Parameters = [] });

        var error = Assert.Throws<RpcException>(() => _serializer.ReadRequest(new ReadOnlySequence<byte>([.. body, 0xc0])));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.Contain("1 more bytes follow"));
    }

    [Test]
    public void ReadRequest_FieldsInAnyOrderAndUnknownFields_ReadsTheKnownOnes()
    {
        var decoded = _serializer.ReadRequest(Body((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(5);
            w.Write("parameters");
            w.WriteArrayHeader(1);
            w.Write(5);
            w.Write("traceLevel");
            w.WriteMapHeader(1);
            w.Write("nested");
            w.WriteArrayHeader(2);
            w.Write(1);
            w.Write("two");
            w.Write("methodName");
            w.Write("m");
            w.Write("group");
            w.Write("g");
            w.Write("className");
            w.Write("S");
        }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decoded.ClassName, Is.EqualTo("S"));
            Assert.That(decoded.MethodName, Is.EqualTo("m"));
            Assert.That(decoded.Group, Is.EqualTo("g"));
            Assert.That(decoded.Version, Is.EqualTo(ServiceKey.DefaultVersion));
            Assert.That(decoded.ReadParameters([typeof(int)]), Is.EqualTo(new object[] { 5 }));
        }
    }

    [Test]
    public void WriteRequest_EmptyAttachments_LeavesTheFieldOut()
    {
        var body = WriteRequest(new RpcRequest
        {
            ClassName = "S",
            MethodName = "m",
            ParameterTypes = [],
            Parameters = [],
            Attachments = new Dictionary<string, string>(),
        });

        var reader = new MessagePackReader(body);
        Assert.That(reader.ReadMapHeader(), Is.EqualTo(8), "className, methodName, parameterTypes, parameters, version, group, async, oneway");
        Assert.That(_serializer.ReadRequest(new ReadOnlySequence<byte>(body)).Attachments, Is.Null);
    }

    [Test]
    public void ReadRequest_SameHeaderTwice_ReusesTheNamesAndTheTypeArray()
    {
        var request = new RpcRequest
        {
            ClassName = "Bhrpc.MessagePack.Tests.IPooled",
            MethodName = "Pooled",
            ParameterTypes = ["System.String", "System.Int32"],
            Parameters = ["a", 1],
            Version = "3.1.4",
            Group = "pool",
        };

        var first = _serializer.ReadRequest(new ReadOnlySequence<byte>(WriteRequest(request)));
        var second = _serializer.ReadRequest(new ReadOnlySequence<byte>(WriteRequest(request)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.ClassName, Is.SameAs(first.ClassName).And.EqualTo(request.ClassName));
            Assert.That(second.MethodName, Is.SameAs(first.MethodName).And.EqualTo(request.MethodName));
            Assert.That(second.Version, Is.SameAs(first.Version).And.EqualTo(request.Version));
            Assert.That(second.Group, Is.SameAs(first.Group).And.EqualTo(request.Group));
            Assert.That(second.ParameterTypes, Is.SameAs(first.ParameterTypes).And.EqualTo(request.ParameterTypes));
        }
    }

    [Test]
    public void ReadResponse_NeitherResultNorError_ThrowsSerialization()
    {
        var error = Assert.Throws<RpcException>(() => _serializer.ReadResponse(Body((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(1);
            w.Write("async");
            w.Write(false);
        })));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.Contain("expected 'result' or 'error'"));
    }

    /// <summary>
    /// A typeless (type-naming) encoding of <paramref name="value"/> written as <paramref name="declared"/> (as
    /// <see cref="object"/>, the value carries its type's name), checked to construct a <see cref="Sentinel"/> when read
    /// with the typeless resolver; the count is reset before the serializer under test reads it.
    /// </summary>
    private static byte[] HostilePayload(Type declared, object value)
    {
        var payload = MessagePackSerializer.Serialize(declared, value, TypelessContractlessStandardResolver.Options);
        Sentinel.Reset();
        _ = MessagePackSerializer.Deserialize<object>(payload, TypelessContractlessStandardResolver.Options);
        Assert.That(Sentinel.Constructed, Is.EqualTo(1), "the payload names Sentinel: the typeless resolver constructs one");
        Sentinel.Reset();
        return payload;
    }

    /// <summary>A request to <c>S.m</c> with one argument given as raw msgpack bytes.</summary>
    private static ReadOnlySequence<byte> Body(string parameterType, byte[] argument) => Body((ref MessagePackWriter w) =>
    {
        w.WriteMapHeader(4);
        w.Write("className");
        w.Write("S");
        w.Write("methodName");
        w.Write("m");
        w.Write("parameterTypes");
        w.WriteArrayHeader(1);
        w.Write(parameterType);
        w.Write("parameters");
        w.WriteArrayHeader(1);
        w.WriteRaw(argument);
    });

    private static ReadOnlySequence<byte> Body(MessagePackWrite write) => new(Raw(write));

    private static byte[] Raw(MessagePackWrite write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private byte[] WriteRequest(RpcRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        _serializer.WriteRequest(request, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
