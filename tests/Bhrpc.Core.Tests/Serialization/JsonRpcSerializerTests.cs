using System.Buffers;
using System.Text;
using System.Text.Json;
using Bhrpc.Extensions;
using Bhrpc.Protocol;
using Bhrpc.Serialization;
using Bhrpc.Serialization.Json;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Serialization;

[TestFixture]
public sealed class JsonRpcSerializerTests
{
    private readonly JsonRpcSerializer _serializer = new();

    public enum Color
    {
        Red,
        Green,
        Blue,
    }

    [Flags]
    public enum Access
    {
        None = 0,
        Read = 1,
        Write = 2,
        Execute = 4,
    }

    public enum Huge : long
    {
        Min = long.MinValue,
        Max = long.MaxValue,
    }

    public enum Tiny : byte
    {
        Zero = 0,
        Max = 255,
    }

    private static IEnumerable<TestCaseData> Values()
    {
        yield return Case("bool", true);
        yield return Case("byte", (byte)200);
        yield return Case("sbyte", (sbyte)-100);
        yield return Case("short", short.MinValue);
        yield return Case("ushort", ushort.MaxValue);
        yield return Case("int", int.MinValue);
        yield return Case("uint", uint.MaxValue);
        yield return Case("long", long.MaxValue);
        yield return Case("ulong", ulong.MaxValue);
        yield return Case("float", 0.1f);
        yield return Case("double", 0.1 + 0.2);
        yield return Case("double NaN", double.NaN);
        yield return Case("double -Infinity", double.NegativeInfinity);
        yield return Case("decimal", 79228162514264337593543950335m);
        yield return Case("decimal fraction", -1234.5678m);
        yield return Case("char", 'é');
        yield return Case("char quote", '"');
        yield return Case("string", "héllo \"wörld\"\n\t\\ 中文 😀 </script>");
        yield return Case("empty string", string.Empty);
        yield return Case("enum", Color.Blue);
        yield return Case("flags enum", Access.Read | Access.Execute);
        yield return Case("long enum", Huge.Min);
        yield return Case("byte enum", Tiny.Max);
        yield return Case("DateTime utc", new DateTime(2024, 2, 29, 23, 59, 58, 123, DateTimeKind.Utc).AddTicks(4567));
        yield return Case("DateTime unspecified", new DateTime(1999, 12, 31, 1, 2, 3, DateTimeKind.Unspecified));
        yield return Case("DateTimeOffset", new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(8)));
        yield return Case("Guid", Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"));
        yield return Case("byte[]", new byte[] { 0, 1, 2, 127, 128, 255 });
        yield return Case("empty byte[]", Array.Empty<byte>());
        yield return Case("int[]", new[] { 1, -2, 3 });
        yield return Case("string[] with null", new[] { "a", null, "c" });
        yield return Case("List<int>", new List<int> { 5, 6, 7 });
        yield return Case("List<string>", new List<string> { "x", "y" });
        yield return Case("Dictionary<string,int>", new Dictionary<string, int> { ["One"] = 1, ["two"] = 2 });
        yield return Case("Dictionary<string,Point>", new Dictionary<string, Point> { ["origin"] = new(0, 0), ["Far"] = new(9, -9) });
        yield return Case("positional record", new Point(3, -4));
        yield return Case("nested record", new Line(new Point(1, 2), new Point(3, 4), Color.Green));
        yield return Case("init record", new Contact { Name = "Ada", Born = new DateTime(1815, 12, 10), Id = Guid.Parse("01234567-89ab-cdef-0123-456789abcdef"), Age = null });
        yield return Case("POCO with field", new Order { Id = 7, Note = "rush", Total = 12.5m, Lines = [new Line(new Point(0, 1), new Point(2, 3), Color.Red)] });
        yield return Case<int?>("int? value", 42);
        yield return Case<int?>("int? null", null);
        yield return Case<Color?>("enum? value", Color.Green);
        yield return Case<DateTime?>("DateTime? value", new DateTime(2020, 5, 6, 7, 8, 9, DateTimeKind.Utc));
        yield return Case<string?>("string null", null);
        yield return Case<Point?>("record null", null);
        yield return Case("List<int?>", new List<int?> { 1, null, 3 });
        yield return Case("Dictionary<string,List<Point>>", new Dictionary<string, List<Point>> { ["a"] = [new(1, 1), new(2, 2)], ["empty"] = [] });
        yield return Case("List<Dictionary<string,int[]>>", new List<Dictionary<string, int[]>> { new() { ["k"] = [1, 2] }, new() });
        yield return Case("Dictionary<string,Color?>", new Dictionary<string, Color?> { ["set"] = Color.Blue, ["unset"] = null });
        yield return Case("jagged Point[][]", new[] { new[] { new Point(1, 2) }, Array.Empty<Point>() });
    }

    private static TestCaseData Case<T>(string name, T value) => new TestCaseData(typeof(T), value).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Values))]
    public void ReadParameters_ValueWrittenAsDeclaredType_ReturnsEqualValue(Type type, object? value)
    {
        var request = Request([value], [type]);

        foreach (var body in WholeAndSplit(WriteRequest(request)))
        {
            var arguments = _serializer.ReadRequest(body).ReadParameters([type]);

            Assert.That(arguments, Has.Length.EqualTo(1));
            Assert.That(arguments[0], Is.EqualTo(value));
            if (value is not null)
            {
                Assert.That(arguments[0], Is.InstanceOf(Nullable.GetUnderlyingType(type) ?? type));
            }
        }
    }

    [TestCaseSource(nameof(Values))]
    public void ReadResult_ValueWrittenAsDeclaredType_ReturnsEqualValue(Type type, object? value)
    {
        var response = new RpcResponse { Result = value, ResultClrType = type };

        foreach (var body in WholeAndSplit(WriteResponse(response)))
        {
            var result = _serializer.ReadResponse(body).ReadResult(type);

            Assert.That(result, Is.EqualTo(value));
            if (value is not null)
            {
                Assert.That(result, Is.InstanceOf(Nullable.GetUnderlyingType(type) ?? type));
            }
        }
    }

    [Test]
    public void ReadParameters_DateTimeOffset_KeepsTheOffset()
    {
        var value = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5.5));
        var body = WriteRequest(Request([value], [typeof(DateTimeOffset)]));

        var argument = (DateTimeOffset)_serializer.ReadRequest(body).ReadParameters([typeof(DateTimeOffset)])[0]!;

        Assert.That(argument.Offset, Is.EqualTo(TimeSpan.FromHours(-5.5)));
    }

    [Test]
    public void WriteRequest_NoDeclaredTypes_WritesRuntimeTypes()
    {
        var request = Request([new Point(1, 2), Color.Blue, null, "s"], null);

        var json = Encoding.UTF8.GetString(WriteRequest(request).ToArray());

        Assert.That(json, Does.Contain("\"parameters\":[{\"x\":1,\"y\":2},2,null,\"s\"]"));
    }

    [Test]
    public void WriteRequest_DeclaredBaseType_WritesOnlyDeclaredMembers()
    {
        var request = Request([new Dog { Name = "Rex", Barks = 3 }], [typeof(Animal)]);

        var json = Encoding.UTF8.GetString(WriteRequest(request).ToArray());

        Assert.That(json, Does.Contain("\"parameters\":[{\"name\":\"Rex\"}]"));
    }

    [Test]
    public void WriteRequest_SmallRequest_WritesExactBytes()
    {
        var request = new RpcRequest
        {
            ClassName = "Bhrpc.Demo.Api.IDemoService",
            MethodName = "hello",
            ParameterTypes = ["java.lang.String", "int"],
            Parameters = ["binghe", 7],
            ParameterClrTypes = [typeof(string), typeof(int)],
            Group = "g",
            Oneway = true,
            Attachments = new Dictionary<string, string> { ["traceparent"] = "00-ab" },
        };

        var json = Encoding.UTF8.GetString(WriteRequest(request).ToArray());

        Assert.That(json, Is.EqualTo(
            """{"className":"Bhrpc.Demo.Api.IDemoService","methodName":"hello","parameterTypes":["java.lang.String","int"],"parameters":["binghe",7],"version":"1.0.0","group":"g","async":false,"oneway":true,"attachments":{"traceparent":"00-ab"}}"""));
    }

    [Test]
    public void WriteRequest_UserTypesEnumsAndDates_WritesCamelCaseNumbersAndIso8601()
    {
        var request = new RpcRequest
        {
            ClassName = "S",
            MethodName = "m",
            ParameterTypes = ["P", "C", "java.util.Date", "java.lang.String"],
            Parameters = [new Point(1, 2), Color.Blue, new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), "中"],
            ParameterClrTypes = [typeof(Point), typeof(Color), typeof(DateTime), typeof(string)],
            Async = true,
        };

        var json = Encoding.UTF8.GetString(WriteRequest(request).ToArray());

        Assert.That(json, Is.EqualTo(
            """{"className":"S","methodName":"m","parameterTypes":["P","C","java.util.Date","java.lang.String"],"parameters":[{"x":1,"y":2},2,"2024-01-02T03:04:05Z","中"],"version":"1.0.0","group":"","async":true,"oneway":false}"""));
    }

    [Test]
    public void WriteResponse_Success_WritesExactBytesWithoutErrorFields()
    {
        var response = new RpcResponse { Result = new Point(1, 2), ResultClrType = typeof(Point), Async = true };

        var json = Encoding.UTF8.GetString(WriteResponse(response).ToArray());

        Assert.That(json, Is.EqualTo("""{"result":{"x":1,"y":2},"async":true,"oneway":false}"""));
    }

    [Test]
    public void WriteResponse_Failure_WritesExactBytes()
    {
        var response = new RpcResponse
        {
            Error = "boom",
            ErrorType = "System.InvalidOperationException",
            Attachments = new Dictionary<string, string> { ["k"] = "v" },
        };

        var json = Encoding.UTF8.GetString(WriteResponse(response).ToArray());

        Assert.That(json, Is.EqualTo(
            """{"error":"boom","result":null,"async":false,"oneway":false,"errorType":"System.InvalidOperationException","attachments":{"k":"v"}}"""));
    }

    [Test]
    public void WriteResponse_VoidResultType_WritesNullResult()
    {
        var response = new RpcResponse { Result = 5, ResultClrType = typeof(void) };

        var json = Encoding.UTF8.GetString(WriteResponse(response).ToArray());

        Assert.That(json, Is.EqualTo("""{"result":null,"async":false,"oneway":false}"""));
    }

    [Test]
    public void WriteRequest_TwoWritesOnOneThread_LeaveTheFirstBodyIntact()
    {
        var first = WriteRequest(Request(["first"], [typeof(string)])).ToArray();
        var firstCopy = first.ToArray();

        WriteRequest(Request(["second"], [typeof(string)]));

        Assert.That(first, Is.EqualTo(firstCopy));
        Assert.That(Encoding.UTF8.GetString(first), Does.Contain("\"parameters\":[\"first\"]"));
    }

    [Test]
    public void WriteRequest_ArgumentDoesNotFitDeclaredType_ThrowsSerializationAndNextWriteWorks()
    {
        var bad = Request([1, "not an int"], [typeof(int), typeof(int)]);

        var e = Assert.Throws<RpcException>(() => WriteRequest(bad));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(e.Message, Does.Contain("argument 1").And.Contain("System.Int32"));
        Assert.That(
            Encoding.UTF8.GetString(WriteRequest(Request([3], [typeof(int)])).ToArray()),
            Is.EqualTo("""{"className":"S","methodName":"m","parameterTypes":["t"],"parameters":[3],"version":"1.0.0","group":"","async":false,"oneway":false}"""));
    }

    [Test]
    public void WriteRequest_DeclaredTypeCountDiffers_ThrowsSerialization()
    {
        var request = Request([1, 2], [typeof(int)]);

        var e = Assert.Throws<RpcException>(() => WriteRequest(request));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(e.Message, Does.Contain("2 arguments but 1 ParameterClrTypes"));
    }

    [Test]
    public void WriteResponse_ResultDoesNotFitDeclaredType_ThrowsSerialization()
    {
        var response = new RpcResponse { Result = "text", ResultClrType = typeof(Point) };

        var e = Assert.Throws<RpcException>(() => WriteResponse(response));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(7)]
    public void ReadRequest_MultiSegmentBody_ReadsEveryField(int segmentSize)
    {
        var request = new RpcRequest
        {
            ClassName = "Bhrpc.Demo.Api.IDemoService",
            MethodName = "send",
            ParameterTypes = ["java.lang.String", "P", "java.util.Map"],
            Parameters = ["esc\"aped \u00e9 \\u0041", new Point(-1, 1), new Dictionary<string, DateTime> { ["at"] = new(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc) }],
            ParameterClrTypes = [typeof(string), typeof(Point), typeof(Dictionary<string, DateTime>)],
            Version = "2.1.0",
            Group = "binghe",
            Async = true,
            Oneway = true,
            Attachments = new Dictionary<string, string> { ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", ["token"] = "t\"k" },
        };
        var body = SequenceHelper.Split(WriteRequest(request).ToArray(), segmentSize);
        Assert.That(body.IsSingleSegment, Is.False);

        var decoded = _serializer.ReadRequest(body);
        var arguments = decoded.ReadParameters(request.ParameterClrTypes);

        Assert.That(decoded.ClassName, Is.EqualTo(request.ClassName));
        Assert.That(decoded.MethodName, Is.EqualTo(request.MethodName));
        Assert.That(decoded.ParameterTypes, Is.EqualTo(request.ParameterTypes));
        Assert.That(decoded.Version, Is.EqualTo("2.1.0"));
        Assert.That(decoded.Group, Is.EqualTo("binghe"));
        Assert.That(decoded.Async, Is.True);
        Assert.That(decoded.Oneway, Is.True);
        Assert.That(decoded.Attachments, Is.EqualTo(request.Attachments));
        Assert.That(arguments, Is.EqualTo(request.Parameters));
    }

    [TestCase(1)]
    [TestCase(3)]
    public void ReadResponse_MultiSegmentBody_ReadsEveryField(int segmentSize)
    {
        var response = new RpcResponse
        {
            Error = "failed: \"quoted\"",
            ErrorType = "System.ArgumentException",
            Result = new List<string> { "a", "b" },
            ResultClrType = typeof(List<string>),
            Async = true,
            Oneway = false,
            Attachments = new Dictionary<string, string> { ["k"] = "v" },
        };
        var body = SequenceHelper.Split(WriteResponse(response).ToArray(), segmentSize);

        var decoded = _serializer.ReadResponse(body);

        Assert.That(decoded.Error, Is.EqualTo(response.Error));
        Assert.That(decoded.ErrorType, Is.EqualTo(response.ErrorType));
        Assert.That(decoded.Async, Is.True);
        Assert.That(decoded.Oneway, Is.False);
        Assert.That(decoded.Attachments, Is.EqualTo(response.Attachments));
        Assert.That(decoded.ReadResult(typeof(List<string>)), Is.EqualTo(response.Result));
    }

    private const string JacksonRequest = """
        {
          "requestId" : "4f1c",
          "error" : null,
          "attachments" : {
            "traceparent" : "00-abc-def-01",
            "dropped" : null
          },
          "oneway" : false,
          "async" : true,
          "parameters" : [ "binghe", {
            "x" : 1,
            "y" : 2,
            "z" : [ 1, 2, {
              "deep" : [ ]
            } ]
          }, "2024-03-05 06:07:08", null, "BLUE" ],
          "group" : "binghe",
          "version" : "2.0.0",
          "parameterTypes" : [ "java.lang.String", "io.binghe.Point", "java.util.Date", "java.lang.Integer", "io.binghe.Color" ],
          "methodName" : "hello",
          "extra" : {
            "nested" : [ 1, 2, 3 ],
            "text" : "]}"
          },
          "className" : "io.binghe.rpc.test.DemoService"
        }
        """;

    [TestCase(0)]
    [TestCase(1)]
    public void ReadRequest_JacksonStyleBody_ReadsFieldsInAnyOrderAndIgnoresUnknownOnes(int segmentSize)
    {
        var decoded = _serializer.ReadRequest(Body(JacksonRequest, segmentSize));
        var arguments = decoded.ReadParameters([typeof(string), typeof(Point), typeof(DateTime), typeof(int?), typeof(Color)]);

        Assert.That(decoded.ClassName, Is.EqualTo("io.binghe.rpc.test.DemoService"));
        Assert.That(decoded.MethodName, Is.EqualTo("hello"));
        Assert.That(decoded.ParameterTypes, Is.EqualTo(new[] { "java.lang.String", "io.binghe.Point", "java.util.Date", "java.lang.Integer", "io.binghe.Color" }));
        Assert.That(decoded.Version, Is.EqualTo("2.0.0"));
        Assert.That(decoded.Group, Is.EqualTo("binghe"));
        Assert.That(decoded.Async, Is.True);
        Assert.That(decoded.Oneway, Is.False);
        Assert.That(decoded.Attachments, Is.EqualTo(new Dictionary<string, string> { ["traceparent"] = "00-abc-def-01" }));
        Assert.That(arguments, Is.EqualTo(new object?[] { "binghe", new Point(1, 2), new DateTime(2024, 3, 5, 6, 7, 8), null, Color.Blue }));
    }

    [TestCase(0)]
    [TestCase(1)]
    public void ReadResponse_JacksonStyleBody_ReadsFieldsInAnyOrderAndIgnoresUnknownOnes(int segmentSize)
    {
        const string json = """
            {
              "oneway" : false,
              "result" : {
                "x" : 5,
                "y" : 6
              },
              "async" : true,
              "error" : null,
              "requestId" : 12,
              "errorType" : null
            }
            """;

        var decoded = _serializer.ReadResponse(Body(json, segmentSize));

        Assert.That(decoded.Error, Is.Null);
        Assert.That(decoded.ErrorType, Is.Null);
        Assert.That(decoded.Attachments, Is.Null);
        Assert.That(decoded.Async, Is.True);
        Assert.That(decoded.ReadResult(typeof(Point)), Is.EqualTo(new Point(5, 6)));
    }

    [TestCase("\"2024-03-05 06:07:08\"", 2024, 3, 5, 6, 7, 8, 0)]
    [TestCase("\"2024-03-05 06:07:08.250\"", 2024, 3, 5, 6, 7, 8, 250)]
    [TestCase("\"2024-03-05T06:07:08\"", 2024, 3, 5, 6, 7, 8, 0)]
    [TestCase("\"2024-03-05T06:07:08.25Z\"", 2024, 3, 5, 6, 7, 8, 250)]
    [TestCase("\"2024\\u002d03-05 06:07:08\"", 2024, 3, 5, 6, 7, 8, 0)]
    [TestCase("1709618828000", 2024, 3, 5, 6, 7, 8, 0)]
    public void ReadParameters_JavaOrIsoDate_ReadsDateTime(string json, int year, int month, int day, int hour, int minute, int second, int millisecond)
    {
        var expected = new DateTime(year, month, day, hour, minute, second, millisecond);

        foreach (var segmentSize in new[] { 0, 1 })
        {
            var body = Body($$"""{"className":"S","methodName":"m","parameters":[{{json}},{{json}},{"born":{{json}}}]}""", segmentSize);

            var arguments = _serializer.ReadRequest(body).ReadParameters([typeof(DateTime), typeof(DateTime?), typeof(Contact)]);

            Assert.That(arguments[0], Is.EqualTo(expected));
            Assert.That(arguments[1], Is.EqualTo(expected));
            Assert.That(((Contact)arguments[2]!).Born, Is.EqualTo(expected));
        }
    }

    [TestCase("\"yesterday\"")]
    [TestCase("\"2024-03-05 06:07\"")]
    [TestCase("\"2024-13-05 06:07:08\"")]
    [TestCase("true")]
    [TestCase("99999999999999999")]
    public void ReadParameters_NotADate_ThrowsSerialization(string json)
    {
        var decoded = _serializer.ReadRequest(Body($$"""{"className":"S","methodName":"m","parameters":[{{json}}]}"""));

        var e = Assert.Throws<RpcException>(() => decoded.ReadParameters([typeof(DateTime)]));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(e.Message, Does.Contain("argument 0").And.Contain("System.DateTime"));
    }

    [TestCase("2", Color.Blue)]
    [TestCase("\"Blue\"", Color.Blue)]
    [TestCase("\"green\"", Color.Green)]
    [TestCase("\"RED\"", Color.Red)]
    public void ReadParameters_EnumNumberOrName_ReadsEnum(string json, Color expected)
    {
        var decoded = _serializer.ReadRequest(Body($$"""{"className":"S","methodName":"m","parameters":[{{json}}]}"""));

        Assert.That(decoded.ReadParameters([typeof(Color)])[0], Is.EqualTo(expected));
    }

    [Test]
    public void ReadParameters_FlagsEnumNames_ReadsCombinedValue()
    {
        var decoded = _serializer.ReadRequest(Body("""{"className":"S","methodName":"m","parameters":["Read, Write"]}"""));

        Assert.That(decoded.ReadParameters([typeof(Access)])[0], Is.EqualTo(Access.Read | Access.Write));
    }

    [TestCase("\"Purple\"", typeof(Color))]
    [TestCase("\"\"", typeof(Color))]
    [TestCase("256", typeof(Tiny))]
    [TestCase("-1", typeof(Tiny))]
    [TestCase("1.5", typeof(Color))]
    [TestCase("true", typeof(Color))]
    public void ReadParameters_NotAnEnumValue_ThrowsSerialization(string json, Type type)
    {
        var decoded = _serializer.ReadRequest(Body($$"""{"className":"S","methodName":"m","parameters":[{{json}}]}"""));

        var e = Assert.Throws<RpcException>(() => decoded.ReadParameters([type]));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
    }

    [Test]
    public void ReadParameters_PascalCasePropertyNames_ReadsCaseInsensitively()
    {
        var decoded = _serializer.ReadRequest(Body("""{"className":"S","methodName":"m","parameters":[{"X":1,"Y":2},{"ID":3,"NOTE":"n","total":4.5,"Lines":[]}]}"""));

        var arguments = decoded.ReadParameters([typeof(Point), typeof(Order)]);

        Assert.That(arguments, Is.EqualTo(new object[] { new Point(1, 2), new Order { Id = 3, Note = "n", Total = 4.5m } }));
    }

    [Test]
    public void ReadParameters_WrongArgumentCount_ThrowsSerializationNamingBothCounts()
    {
        var body = WriteRequest(Request(["only one"], [typeof(string)]));
        var decoded = _serializer.ReadRequest(body);

        var e = Assert.Throws<RpcException>(() => decoded.ReadParameters([typeof(string), typeof(int)]));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(e.Message, Is.EqualTo("expected 2 arguments for S.m, got 1."));
    }

    [Test]
    public void ReadParameters_MissingParametersButTypesDeclared_ThrowsSerialization()
    {
        var decoded = _serializer.ReadRequest(Body("""{"className":"S","methodName":"m"}"""));

        var e = Assert.Throws<RpcException>(() => decoded.ReadParameters([typeof(int)]));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(e.Message, Does.Contain("expected 1 arguments for S.m, got 0"));
    }

    [TestCase("\"x\"", typeof(int))]
    [TestCase("{}", typeof(int))]
    [TestCase("1.5", typeof(int))]
    [TestCase("null", typeof(int))]
    [TestCase("300", typeof(byte))]
    [TestCase("\"not-a-guid\"", typeof(Guid))]
    [TestCase("\"%%%\"", typeof(byte[]))]
    [TestCase("\"ab\"", typeof(char))]
    [TestCase("[1]", typeof(Point))]
    [TestCase("{\"x\":\"one\"}", typeof(Point))]
    [TestCase("[\"a\"]", typeof(List<int>))]
    [TestCase("{\"k\":\"v\"}", typeof(Dictionary<string, int>))]
    [TestCase("{}", typeof(IDisposable))]
    public void ReadParameters_ValueDoesNotFitItsType_ThrowsSerializationNamingIndexAndType(string json, Type type)
    {
        var decoded = _serializer.ReadRequest(Body($$"""{"className":"S","methodName":"m","parameters":["fine",{{json}}]}"""));

        var e = Assert.Throws<RpcException>(() => decoded.ReadParameters([typeof(string), type]));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(e.Message, Does.StartWith($"argument 1 of S.m is not a valid {type}"));
        Assert.That(e.InnerException, Is.Not.Null);
    }

    [Test]
    public void ReadParameters_NullArguments_ReturnsNulls()
    {
        var decoded = _serializer.ReadRequest(Body("""{"className":"S","methodName":"m","parameters":[null,null,null,null]}"""));

        var arguments = decoded.ReadParameters([typeof(string), typeof(Point), typeof(int?), typeof(object)]);

        Assert.That(arguments, Is.EqualTo(new object?[] { null, null, null, null }));
    }

    [Test]
    public void ReadParameters_ObjectParameter_ReturnsJsonElementEvenWhenTheBodyNamesAType()
    {
        const string json = """{"className":"S","methodName":"m","parameters":[{"$type":"System.IO.FileInfo, System.IO.FileSystem","fileName":"/etc/passwd"},7,"s",{"payload":{"$type":"System.IO.DirectoryInfo"}}]}""";
        var decoded = _serializer.ReadRequest(Body(json));

        var arguments = decoded.ReadParameters([typeof(object), typeof(object), typeof(object), typeof(Envelope)]);

        Assert.That(arguments[0], Is.TypeOf<JsonElement>());
        Assert.That(((JsonElement)arguments[0]!).GetProperty("fileName").GetString(), Is.EqualTo("/etc/passwd"));
        Assert.That(arguments[1], Is.TypeOf<JsonElement>());
        Assert.That(((JsonElement)arguments[1]!).GetInt32(), Is.EqualTo(7));
        Assert.That(arguments[2], Is.TypeOf<JsonElement>());
        Assert.That(((Envelope)arguments[3]!).Payload, Is.TypeOf<JsonElement>());
    }

    [Test]
    public void ReadParameters_CalledTwice_ReturnsEqualValues()
    {
        var decoded = _serializer.ReadRequest(WriteRequest(Request([new Point(1, 2)], [typeof(Point)])));

        var first = decoded.ReadParameters([typeof(Point)]);
        var second = decoded.ReadParameters([typeof(Point)]);

        Assert.That(second, Is.EqualTo(first));
    }

    [TestCase("""{"className":"S","methodName":"m"}""")]
    [TestCase("""{"className":"S","methodName":"m","parameters":null,"parameterTypes":null,"version":null,"group":null,"async":null,"oneway":null,"attachments":null}""")]
    public void ReadRequest_OnlyRequiredFields_UsesDefaults(string json)
    {
        var decoded = _serializer.ReadRequest(Body(json));

        Assert.That(decoded.ClassName, Is.EqualTo("S"));
        Assert.That(decoded.MethodName, Is.EqualTo("m"));
        Assert.That(decoded.ParameterTypes, Is.Empty);
        Assert.That(decoded.Version, Is.EqualTo("1.0.0"));
        Assert.That(decoded.Group, Is.EqualTo(string.Empty));
        Assert.That(decoded.Async, Is.False);
        Assert.That(decoded.Oneway, Is.False);
        Assert.That(decoded.Attachments, Is.Null);
        Assert.That(decoded.ReadParameters([]), Is.Empty);
    }

    [TestCase("""{"methodName":"m"}""", "className")]
    [TestCase("""{"className":null,"methodName":"m"}""", "className")]
    [TestCase("""{"className":"S"}""", "methodName")]
    public void ReadRequest_MissingRequiredField_ThrowsSerializationNamingIt(string json, string field)
    {
        var e = Assert.Throws<RpcException>(() => _serializer.ReadRequest(Body(json)));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(e.Message, Is.EqualTo($"json body is not a valid request: missing field '{field}'."));
    }

    [TestCase("")]
    [TestCase("   \n")]
    [TestCase("not json")]
    [TestCase("""{"className":"S","methodName":"m""")]
    [TestCase("""{"className":"S","methodName":"m","parameters":[1,""")]
    [TestCase("""{"className":"S","methodName":"m","parameters":[1,}""")]
    [TestCase("[1,2]")]
    [TestCase("null")]
    [TestCase("42")]
    [TestCase("\"text\"")]
    [TestCase("""{"className":"S","methodName":"m"} {}""")]
    [TestCase("""{"className":"S","methodName":"m",}""")]
    [TestCase("""{'className':'S','methodName':'m'}""")]
    [TestCase("""{"className":"S",/* c */"methodName":"m"}""")]
    [TestCase("""{"className":1,"methodName":"m"}""")]
    [TestCase("""{"className":"S","methodName":"m","parameters":{}}""")]
    [TestCase("""{"className":"S","methodName":"m","parameterTypes":"int"}""")]
    [TestCase("""{"className":"S","methodName":"m","parameterTypes":[1]}""")]
    [TestCase("""{"className":"S","methodName":"m","attachments":{"a":1}}""")]
    [TestCase("""{"className":"S","methodName":"m","attachments":[]}""")]
    [TestCase("""{"className":"S","methodName":"m","async":"yes"}""")]
    [TestCase("""{"className":"S","methodName":"m","version":2}""")]
    public void ReadRequest_InvalidBody_ThrowsSerialization(string json)
    {
        foreach (var segmentSize in new[] { 0, 1 })
        {
            var body = Body(json, segmentSize);

            var e = Assert.Throws<RpcException>(() => _serializer.ReadRequest(body));

            Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
            Assert.That(e.Message, Does.StartWith("json body is not a valid request: "));
        }
    }

    [TestCase("")]
    [TestCase("not json")]
    [TestCase("""{"result":1""")]
    [TestCase("""{"result":[1,2}""")]
    [TestCase("[]")]
    [TestCase("true")]
    [TestCase("""{"result":1}x""")]
    [TestCase("""{"error":5,"result":null}""")]
    [TestCase("""{"errorType":{},"result":null}""")]
    [TestCase("""{"oneway":1,"result":null}""")]
    public void ReadResponse_InvalidBody_ThrowsSerialization(string json)
    {
        foreach (var segmentSize in new[] { 0, 1 })
        {
            var body = Body(json, segmentSize);

            var e = Assert.Throws<RpcException>(() => _serializer.ReadResponse(body));

            Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
            Assert.That(e.Message, Does.StartWith("json body is not a valid response: "));
        }
    }

    [Test]
    public void ReadRequest_InvalidUtf8InAField_ThrowsSerialization()
    {
        byte[] bytes = [.. "{\"className\":\""u8, 0xFF, 0xFE, .. "\",\"methodName\":\"m\"}"u8];

        var e = Assert.Throws<RpcException>(() => _serializer.ReadRequest(new ReadOnlySequence<byte>(bytes)));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
    }

    [Test]
    public void ReadParameters_InvalidUtf8InAnArgument_ThrowsSerialization()
    {
        byte[] bytes = [.. "{\"className\":\"S\",\"methodName\":\"m\",\"parameters\":[\""u8, 0xC3, 0x28, .. "\"]}"u8];

        var e = Assert.Throws<RpcException>(() => _serializer.ReadRequest(new ReadOnlySequence<byte>(bytes)).ReadParameters([typeof(string)]));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
    }

    [Test]
    public void ReadRequest_NestedDeeperThanTheLimit_ThrowsSerialization()
    {
        var json = """{"className":"S","methodName":"m","parameters":[""" + new string('[', 100) + new string(']', 100) + "]}";

        var e = Assert.Throws<RpcException>(() => _serializer.ReadRequest(Body(json)));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
    }

    [Test]
    public void ReadRequest_NullAttachmentValue_IsDropped()
    {
        var decoded = _serializer.ReadRequest(Body("""{"className":"S","methodName":"m","attachments":{"a":"1","b":null}}"""));

        Assert.That(decoded.Attachments, Is.EqualTo(new Dictionary<string, string> { ["a"] = "1" }));
    }

    [Test]
    public void ReadResult_NullResultForValueType_ReturnsNull()
    {
        var decoded = _serializer.ReadResponse(Body("""{"result":null,"async":false,"oneway":false}"""));

        Assert.That(decoded.ReadResult(typeof(int)), Is.Null);
    }

    [Test]
    public void ReadResult_MissingResult_ReturnsNull()
    {
        var decoded = _serializer.ReadResponse(Body("""{"error":"boom"}"""));

        Assert.That(decoded.Error, Is.EqualTo("boom"));
        Assert.That(decoded.ReadResult(typeof(Point)), Is.Null);
    }

    [TestCase(null)]
    [TestCase(typeof(void))]
    public void ReadResult_NoResultType_ReturnsNullWithoutDecoding(Type? resultType)
    {
        var decoded = _serializer.ReadResponse(Body("""{"result":{"not":"an int"}}"""));

        Assert.That(decoded.ReadResult(resultType), Is.Null);
    }

    [Test]
    public void ReadResult_ValueDoesNotFitItsType_ThrowsSerialization()
    {
        var decoded = _serializer.ReadResponse(Body("""{"result":"seven"}"""));

        var e = Assert.Throws<RpcException>(() => decoded.ReadResult(typeof(int)));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(e.Message, Does.Contain("System.Int32"));
        Assert.That(e.InnerException, Is.Not.Null);
    }

    [Test]
    public void ReadResult_ObjectResult_ReturnsJsonElement()
    {
        var decoded = _serializer.ReadResponse(Body("""{"result":{"$type":"System.IO.FileInfo","x":1}}"""));

        Assert.That(decoded.ReadResult(typeof(object)), Is.TypeOf<JsonElement>());
    }

    [Test]
    public void Create_JsonName_ReturnsJsonRpcSerializerAsTheDefault()
    {
        var loader = new ExtensionLoader(new ExtensionLoaderOptions());

        Assert.That(loader.Create<IRpcSerializer>("json"), Is.TypeOf<JsonRpcSerializer>());
        Assert.That(loader.Create<IRpcSerializer>(null), Is.TypeOf<JsonRpcSerializer>());
    }

    private static RpcRequest Request(object?[] parameters, Type[]? clrTypes) => new()
    {
        ClassName = "S",
        MethodName = "m",
        ParameterTypes = parameters.Length == 1 ? ["t"] : [],
        Parameters = parameters,
        ParameterClrTypes = clrTypes,
    };

    private static ReadOnlySequence<byte> Body(string json, int segmentSize = 0)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return segmentSize == 0 ? new ReadOnlySequence<byte>(bytes) : SequenceHelper.Split(bytes, segmentSize);
    }

    private static IEnumerable<ReadOnlySequence<byte>> WholeAndSplit(ReadOnlySequence<byte> body)
    {
        yield return body;
        yield return SequenceHelper.Split(body.ToArray(), 1);
    }

    private ReadOnlySequence<byte> WriteRequest(RpcRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        _serializer.WriteRequest(request, buffer);
        return new ReadOnlySequence<byte>(buffer.WrittenMemory);
    }

    private ReadOnlySequence<byte> WriteResponse(RpcResponse response)
    {
        var buffer = new ArrayBufferWriter<byte>();
        _serializer.WriteResponse(response, buffer);
        return new ReadOnlySequence<byte>(buffer.WrittenMemory);
    }

    public sealed record Point(int X, int Y);

    public sealed record Line(Point From, Point To, Color Color);

    public sealed record Contact
    {
        public string? Name { get; init; }

        public DateTime Born { get; init; }

        public Guid Id { get; init; }

        public int? Age { get; init; }
    }

    /// <summary>A mutable class with a public field, compared by value.</summary>
    public sealed class Order : IEquatable<Order>
    {
        public decimal Total;

        public int Id { get; set; }

        public string? Note { get; set; }

        public List<Line> Lines { get; set; } = [];

        public bool Equals(Order? other)
            => other is not null && Id == other.Id && Note == other.Note && Total == other.Total && Lines.SequenceEqual(other.Lines);

        public override bool Equals(object? obj) => Equals(obj as Order);

        public override int GetHashCode() => HashCode.Combine(Id, Note, Total);

        public override string ToString() => $"Order {Id} {Note} {Total} [{string.Join(", ", Lines)}]";
    }

    public class Animal
    {
        public string? Name { get; set; }
    }

    public sealed class Dog : Animal
    {
        public int Barks { get; set; }
    }

    public sealed class Envelope
    {
        public object? Payload { get; set; }
    }
}
