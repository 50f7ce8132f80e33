using System.Buffers;
using System.Text;
using Bhrpc.Extensions;
using Bhrpc.Protocol;
using Bhrpc.Serialization;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Serialization.Behaviour;

/// <summary>
/// What every serializer does, whatever its format: one subclass per serializer names it and
/// lists the values it carries. The serializer is made the way servers and clients make it,
/// through the extension loader.
/// </summary>
public abstract class SerializerBehaviourTests
{
    private static readonly int[] s_segmentSizes = [1, 2, 3, 7, 64];

    private IRpcSerializer _serializer = null!;

    /// <summary>The serializer's extension name.</summary>
    protected abstract string SerializerName { get; }

    /// <summary>
    /// Non-null values this serializer carries, each with the declared type it is written and
    /// read as. Values must compare equal (NUnit's <c>Is.EqualTo</c>) after a round trip.
    /// Include at least one reference type that accepts null.
    /// </summary>
    protected abstract IEnumerable<(Type Type, object? Value)> SampleValues();

    /// <summary>A record both json and hessian2 carry.</summary>
    public sealed record Point(int X, int Y);

    /// <summary>The values every object-carrying serializer (json, hessian2) supports.</summary>
    protected static IEnumerable<(Type Type, object? Value)> ObjectSerializerSamples()
    {
        yield return (typeof(bool), true);
        yield return (typeof(int), int.MinValue);
        yield return (typeof(long), long.MaxValue);
        yield return (typeof(double), 0.1 + 0.2);
        yield return (typeof(string), "héllo \"wörld\" 中文 😀");
        yield return (typeof(byte[]), new byte[] { 0, 1, 127, 128, 255 });
        yield return (typeof(int?), 42);
        yield return (typeof(List<string>), new List<string> { "a", "b" });
        yield return (typeof(Point), new Point(3, -4));

        // Java's byte is signed: sbyte is Java's byte, a .NET byte goes as a Java short; neither changes.
        yield return (typeof(sbyte), (sbyte)-7);
        yield return (typeof(byte), (byte)200);
        yield return (typeof(HashSet<string>), new HashSet<string> { "x" });
    }

    [SetUp]
    public void CreateSerializer() => _serializer = ExtensionLoader.Shared.Create<IRpcSerializer>(SerializerName);

    [Test]
    public void ReadRequest_HeaderFieldsAndAttachments_RoundTrip()
    {
        var request = new RpcRequest
        {
            ClassName = "Bhrpc.Demo.Api.IDemoService",
            MethodName = "hello",
            ParameterTypes = ["java.lang.String", "int"],
            Parameters = ["binghe", 7],
            ParameterClrTypes = [typeof(string), typeof(int)],
            Version = "2.1.0",
            Group = "binghe",
            Async = true,
            Oneway = true,
            Attachments = new Dictionary<string, string> { ["traceparent"] = "00-ab-cd-01", ["token"] = "中文 é" },
        };

        var decoded = _serializer.ReadRequest(WriteRequest(request));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decoded.ClassName, Is.EqualTo(request.ClassName));
            Assert.That(decoded.MethodName, Is.EqualTo(request.MethodName));
            Assert.That(decoded.ParameterTypes, Is.EqualTo(request.ParameterTypes));
            Assert.That(decoded.Version, Is.EqualTo("2.1.0"));
            Assert.That(decoded.Group, Is.EqualTo("binghe"));
            Assert.That(decoded.Async, Is.True);
            Assert.That(decoded.Oneway, Is.True);
            Assert.That(decoded.Attachments, Is.EquivalentTo(request.Attachments));
            Assert.That(decoded.ReadParameters([typeof(string), typeof(int)]), Is.EqualTo(new object[] { "binghe", 7 }));
        }
    }

    [Test]
    public void ReadRequest_DefaultsAndNoAttachments_ReadAsDefaults()
    {
        var request = new RpcRequest { ClassName = "S", MethodName = "m", ParameterTypes = [], Parameters = [], ParameterClrTypes = [] };

        var decoded = _serializer.ReadRequest(WriteRequest(request));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decoded.Version, Is.EqualTo(ServiceKey.DefaultVersion));
            Assert.That(decoded.Group, Is.Empty);
            Assert.That(decoded.Async, Is.False);
            Assert.That(decoded.Oneway, Is.False);
            Assert.That(decoded.Attachments, Is.Null.Or.Empty);
            Assert.That(decoded.ReadParameters([]), Is.Empty);
        }
    }

    [Test]
    public void ReadParameters_EachSampleValue_ReturnsEqualValueOfDeclaredType()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var (type, value) in SampleValues())
            {
                var arguments = _serializer.ReadRequest(WriteRequest(Request([value], [type]))).ReadParameters([type]);

                Assert.That(arguments, Has.Length.EqualTo(1), type.ToString());
                Assert.That(arguments[0], Is.EqualTo(value), type.ToString());
                Assert.That(arguments[0], Is.InstanceOf(Nullable.GetUnderlyingType(type) ?? type), type.ToString());
            }
        }
    }

    [Test]
    public void ReadParameters_AllSampleValuesInOneCall_ReturnsThemInOrder()
    {
        var samples = SampleValues().ToArray();
        var types = samples.Select(s => s.Type).ToArray();
        var values = samples.Select(s => s.Value).ToArray();

        var arguments = _serializer.ReadRequest(WriteRequest(Request(values, types))).ReadParameters(types);

        Assert.That(arguments, Is.EqualTo(values));
    }

    [Test]
    public void ReadParameters_NullArguments_ReadAsNull()
    {
        var types = SampleValues().Select(s => s.Type).Where(AcceptsNull).Distinct().ToArray();
        Assert.That(types, Is.Not.Empty, "SampleValues must include a type that accepts null");

        var arguments = _serializer.ReadRequest(WriteRequest(Request(new object?[types.Length], types))).ReadParameters(types);

        Assert.That(arguments, Has.Length.EqualTo(types.Length).And.All.Null);
    }

    [Test]
    public void ReadParameters_EmptyString_StaysEmptyNotNull()
    {
        var arguments = _serializer.ReadRequest(WriteRequest(Request([string.Empty, null], [typeof(string), typeof(string)])))
            .ReadParameters([typeof(string), typeof(string)]);

        Assert.That(arguments, Is.EqualTo(new object?[] { string.Empty, null }));
    }

    [TestCase(0)]
    [TestCase(2)]
    public void ReadParameters_WrongArgumentCount_ThrowsSerialization(int declared)
    {
        var decoded = _serializer.ReadRequest(WriteRequest(Request(["one"], [typeof(string)])));

        var error = Assert.Throws<RpcException>(() => decoded.ReadParameters(Enumerable.Repeat(typeof(string), declared).ToArray()));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.Contain("S.m"));
    }

    [Test]
    public void ReadResult_EachSampleValue_ReturnsEqualValueOfDeclaredType()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var (type, value) in SampleValues())
            {
                var result = _serializer.ReadResponse(WriteResponse(new RpcResponse { Result = value, ResultClrType = type })).ReadResult(type);

                Assert.That(result, Is.EqualTo(value), type.ToString());
                Assert.That(result, Is.InstanceOf(Nullable.GetUnderlyingType(type) ?? type), type.ToString());
            }
        }
    }

    [Test]
    public void ReadResult_NullResult_ReadsNull()
    {
        foreach (var type in SampleValues().Select(s => s.Type).Where(AcceptsNull).Distinct())
        {
            var decoded = _serializer.ReadResponse(WriteResponse(new RpcResponse { Result = null, ResultClrType = type }));

            Assert.That(decoded.ReadResult(type), Is.Null, type.ToString());
        }
    }

    [Test]
    public void ReadResult_VoidResult_ReadsNull()
    {
        var decoded = _serializer.ReadResponse(WriteResponse(new RpcResponse { ResultClrType = typeof(void) }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decoded.Error, Is.Null);
            Assert.That(decoded.ReadResult(typeof(void)), Is.Null);
            Assert.That(decoded.ReadResult(null), Is.Null);
        }
    }

    [Test]
    public void ReadResponse_ErrorFlagsAndAttachments_RoundTrip()
    {
        var response = new RpcResponse
        {
            Error = "boom: the service failed",
            ErrorType = typeof(InvalidOperationException).FullName,
            Async = true,
            Oneway = true,
            Attachments = new Dictionary<string, string> { ["server"] = "p1" },
        };

        var decoded = _serializer.ReadResponse(WriteResponse(response));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decoded.Error, Is.EqualTo(response.Error));
            Assert.That(decoded.ErrorType, Is.EqualTo(response.ErrorType));
            Assert.That(decoded.Async, Is.True);
            Assert.That(decoded.Oneway, Is.True);
            Assert.That(decoded.Attachments, Is.EquivalentTo(response.Attachments));
            Assert.That(decoded.ReadResult(typeof(string)), Is.Null);
        }
    }

    [Test]
    public void ReadRequest_BodySplitIntoSegments_ReadsTheSameRequest()
    {
        var samples = SampleValues().ToArray();
        var types = samples.Select(s => s.Type).ToArray();
        var values = samples.Select(s => s.Value).ToArray();
        var request = Request(values, types, new Dictionary<string, string> { ["traceparent"] = "00-ab" });
        var bytes = WriteRequest(request).ToArray();

        foreach (var size in s_segmentSizes)
        {
            var decoded = _serializer.ReadRequest(SequenceHelper.Split(bytes, size));

            Assert.That(decoded.MethodName, Is.EqualTo("m"), $"segments of {size}");
            Assert.That(decoded.Attachments, Is.EquivalentTo(request.Attachments!), $"segments of {size}");
            Assert.That(decoded.ReadParameters(types), Is.EqualTo(values), $"segments of {size}");
        }
    }

    [Test]
    public void ReadResponse_BodySplitIntoSegments_ReadsTheSameResult()
    {
        foreach (var (type, value) in SampleValues())
        {
            var bytes = WriteResponse(new RpcResponse { Result = value, ResultClrType = type }).ToArray();
            foreach (var size in s_segmentSizes)
            {
                var result = _serializer.ReadResponse(SequenceHelper.Split(bytes, size)).ReadResult(type);

                Assert.That(result, Is.EqualTo(value), $"{type} in segments of {size}");
            }
        }
    }

    [Test]
    public void ReadRequest_GarbageBody_ThrowsSerialization()
        => AssertRequestFails(Encoding.ASCII.GetBytes("this is not a body \u0001\u00ff"));

    [Test]
    public void ReadRequest_EmptyBody_ThrowsSerialization() => AssertRequestFails([]);

    [Test]
    public void ReadRequest_TruncatedBody_ThrowsSerialization()
    {
        var bytes = WriteRequest(Request(["text", 5], [typeof(string), typeof(int)], new Dictionary<string, string> { ["k"] = "v" })).ToArray();

        AssertRequestFails(bytes[..^1]);
    }

    [Test]
    public void ReadResponse_GarbageBody_ThrowsSerialization()
        => AssertResponseFails(Encoding.ASCII.GetBytes("this is not a body \u0001\u00ff"));

    [Test]
    public void ReadResponse_EmptyBody_ThrowsSerialization() => AssertResponseFails([]);

    [Test]
    public void ReadResponse_TruncatedBody_ThrowsSerialization()
    {
        var bytes = WriteResponse(new RpcResponse { Result = "text", ResultClrType = typeof(string), Attachments = new Dictionary<string, string> { ["k"] = "v" } }).ToArray();

        AssertResponseFails(bytes[..^1]);
    }

    /// <summary>A request to <c>S.m</c> with portable names made from the declared types.</summary>
    protected static RpcRequest Request(object?[] parameters, Type[] types, IReadOnlyDictionary<string, string>? attachments = null) => new()
    {
        ClassName = "S",
        MethodName = "m",
        ParameterTypes = types.Select(t => t.FullName!).ToArray(),
        Parameters = parameters,
        ParameterClrTypes = types,
        Attachments = attachments,
    };

    /// <summary>Writes <paramref name="request"/> with the serializer under test.</summary>
    protected ReadOnlySequence<byte> WriteRequest(RpcRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        _serializer.WriteRequest(request, buffer);
        return new ReadOnlySequence<byte>(buffer.WrittenMemory);
    }

    /// <summary>Writes <paramref name="response"/> with the serializer under test.</summary>
    protected ReadOnlySequence<byte> WriteResponse(RpcResponse response)
    {
        var buffer = new ArrayBufferWriter<byte>();
        _serializer.WriteResponse(response, buffer);
        return new ReadOnlySequence<byte>(buffer.WrittenMemory);
    }

    private static bool AcceptsNull(Type type) => !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;

    private void AssertRequestFails(byte[] bytes)
    {
        // A bad body may be caught in either phase; what matters is the status code.
        var error = Assert.Throws<RpcException>(() => _serializer.ReadRequest(new ReadOnlySequence<byte>(bytes)).ReadParameters([typeof(string), typeof(int)]));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
    }

    private void AssertResponseFails(byte[] bytes)
    {
        var error = Assert.Throws<RpcException>(() => _serializer.ReadResponse(new ReadOnlySequence<byte>(bytes)).ReadResult(typeof(string)));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
    }
}
