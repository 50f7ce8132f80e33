using System.Buffers;
using Bhrpc.Protocol;
using Bhrpc.Serialization.Hessian;

namespace Bhrpc.Tests.Serialization.Hessian;

/// <summary>
/// Runs Java's Caucho Hessian 4.0.38 (two java runs per test run): Java writes every case and
/// .NET reads it into the declared type; .NET writes every case and Java reads and compares it
/// (value and class); and .NET's bytes are Java's bytes, for every case and body, byte for byte:
/// compact forms, back-references (enum constants, decimals, repeated <c>java.lang.Class</c>
/// entries), typed collections, and binary chunks cut where Java's 8 KiB output buffer ends.
/// </summary>
[TestFixture]
public sealed class Hessian2InteropTests
{
    private static readonly Hessian2RpcSerializer Serializer = new();
    private string _javaWritten = null!;
    private string _dotnetWritten = null!;
    private Dictionary<string, string> _javaVerdicts = null!;
    private Dictionary<string, string> _javaStockReads = null!;
    private string? _javaByteFields;
    private string? _javaStockWrite;

    public static IEnumerable<TestCaseData> Names() => HessianInteropCases.Names();

    /// <summary>The request and response bodies, as .NET writes them for the same values as Java's.</summary>
    private static readonly Dictionary<string, Func<byte[]>> Bodies = new()
    {
        ["rpc_request"] = () => Body(w => Serializer.WriteRequest(Request(), w)),
        ["rpc_request_set"] = () => Body(w => Serializer.WriteRequest(SetRequest(), w)),
        ["rpc_request_binary"] = () => Body(w => Serializer.WriteRequest(BinaryRequest(), w)),
        ["rpc_response"] = () => Body(w => Serializer.WriteResponse(new RpcResponse { Result = "hello binghe", Async = true }, w)),
        ["rpc_response_error"] = () => Body(w => Serializer.WriteResponse(new RpcResponse { Error = "java.lang.RuntimeException: boom" }, w)),

        // The same request and response with attachments: Java reads them into classes without that field, as Java bhrpc's are.
        ["attach_rpc_request"] = () => Body(w => Serializer.WriteRequest(Request(Attachments), w)),
        ["attach_rpc_response"] = () => Body(w => Serializer.WriteResponse(new RpcResponse { Result = "hello binghe", Async = true, Attachments = Attachments }, w)),
    };

    private static readonly Dictionary<string, string> Attachments = new() { ["trace"] = "t-1", ["timeout"] = "4990", ["tag"] = "灰度" };

    [OneTimeSetUp]
    public void RunJava()
    {
        JavaHessian.ClassPath();
        var root = Path.Combine(Path.GetTempPath(), "bhrpc-hessian-cases-" + Guid.NewGuid().ToString("N"));
        _javaWritten = Directory.CreateDirectory(Path.Combine(root, "java")).FullName;
        _dotnetWritten = Directory.CreateDirectory(Path.Combine(root, "dotnet")).FullName;
        JavaHessian.Run("write", _javaWritten);

        foreach (var (name, value, _) in HessianInteropCases.Values)
        {
            File.WriteAllBytes(Path.Combine(_dotnetWritten, name + ".bin"), WriteValue(value));
        }

        foreach (var (name, body) in Bodies)
        {
            File.WriteAllBytes(Path.Combine(_dotnetWritten, name + ".bin"), body());
        }

        File.WriteAllBytes(Path.Combine(_dotnetWritten, "dotnet_only_byte_fields.bin"), WriteValue(new InteropByteFields { Small = 200, Wide = 200 }));
        var lines = JavaHessian.Run("read", _dotnetWritten);
        _javaByteFields = lines.FirstOrDefault(line => line.StartsWith("FIELDS dotnet_only_byte_fields: ", StringComparison.Ordinal));
        _javaStockWrite = lines.FirstOrDefault(line => line.StartsWith("STOCKWRITE decimal: ", StringComparison.Ordinal));
        _javaVerdicts = lines
            .Where(line => line.StartsWith("OK ", StringComparison.Ordinal) || line.StartsWith("FAIL ", StringComparison.Ordinal))
            .ToDictionary(line => line.Split(' ', 2)[1].Split(':')[0]);
        _javaStockReads = lines
            .Where(line => line.StartsWith("STOCK ", StringComparison.Ordinal))
            .ToDictionary(line => line.Split(' ', 2)[1].Split(':')[0], line => line.Split(": ", 2)[1]);
    }

    [OneTimeTearDown]
    public void DeleteFiles()
    {
        if (_javaWritten is not null)
        {
            Directory.Delete(Path.GetDirectoryName(_javaWritten)!, recursive: true);
        }
    }

    [TestCaseSource(nameof(Names))]
    public void JavaWrites_DotNetReadsTheDeclaredType(string name)
    {
        var (_, expected, type) = HessianInteropCases.Values.Single(c => c.Name == name);
        var bytes = File.ReadAllBytes(Path.Combine(_javaWritten, name + ".bin"));
        var reader = new Hessian2Reader(bytes, Hessian2Limits.Default);
        var actual = new Hessian2Converter(64).Convert(reader.ReadValue(), type);
        reader.ReadMessageEnd();

        switch (name)
        {
            case "cyclic":
                var self = (InteropPerson)actual!;
                Assert.That(self.Friend, Is.SameAs(self));
                Assert.That(self.Name, Is.EqualTo("self"));
                break;
            case "shared":
                var list = (List<InteropPerson>)actual!;
                Assert.That(list, Has.Count.EqualTo(2));
                Assert.That(list[0], Is.SameAs(list[1]));
                Assert.That(list[0], Is.EqualTo(((List<InteropPerson>)expected!)[0]));
                break;
            default:
                Assert.That(actual, Is.EqualTo(expected));
                if (expected is not null)
                {
                    Assert.That(actual, Is.TypeOf(expected.GetType()));
                }

                break;
        }
    }

    /// <summary>Java reads what .NET writes as an equal value of the same class (a HashSet as a HashSet, a Byte as a Byte).</summary>
    [TestCaseSource(nameof(Names))]
    [TestCase("rpc_request")]
    [TestCase("rpc_request_binary")]
    [TestCase("rpc_response")]
    [TestCase("rpc_response_error")]
    public void DotNetWrites_JavaReadsAnEqualValue(string name)
    {
        Assert.That(_javaVerdicts.GetValueOrDefault(name, "no verdict from Java"), Is.EqualTo("OK " + name));
    }

    /// <summary>
    /// A request for a Java method <c>take(Set&lt;String&gt;)</c> with a .NET <see cref="HashSet{T}"/>:
    /// Java finds the method by its parameter classes and invokes it by reflection, as Java bhrpc's
    /// provider does (an untyped list arrived as an <c>ArrayList</c>: "argument type mismatch").
    /// </summary>
    [Test]
    public void DotNetSetArgument_JavaMethodTakingASetAcceptsIt()
    {
        Assert.That(_javaVerdicts.GetValueOrDefault("rpc_request_set", "no verdict from Java"), Is.EqualTo("OK rpc_request_set"));
    }

    /// <summary>Every value comes out byte for byte as Java writes it, the large ones (chunked) included.</summary>
    [TestCaseSource(nameof(Names))]
    public void DotNetWrites_SameBytesAsJava(string name)
    {
        var value = HessianInteropCases.Values.Single(c => c.Name == name).Value;
        var java = File.ReadAllBytes(Path.Combine(_javaWritten, name + ".bin"));
        Assert.That(Convert.ToHexString(WriteValue(value)), Is.EqualTo(Convert.ToHexString(java)));
    }

    /// <summary>
    /// A request and a response with attachments decode in Java into Java bhrpc's <c>RpcRequest</c>/<c>RpcResponse</c>
    /// (which have no attachments field: Hessian skips it) with every other field equal; the attachment-free bodies stay
    /// Java's bytes (<see cref="DotNetBody_SameBytesAsJava"/>), and .NET reads the attachments back.
    /// </summary>
    [TestCase("attach_rpc_request")]
    [TestCase("attach_rpc_response")]
    public void DotNetBodyWithAttachments_JavaReadsItIgnoringThem(string name)
    {
        Assert.That(_javaVerdicts.GetValueOrDefault(name, "no verdict from Java"), Is.EqualTo("OK " + name));

        var body = new ReadOnlySequence<byte>(Bodies[name]());
        var attachments = name.EndsWith("request", StringComparison.Ordinal) ? Serializer.ReadRequest(body).Attachments : Serializer.ReadResponse(body).Attachments;
        Assert.That(attachments, Is.EquivalentTo(Attachments));
        Assert.That(Bodies[name]().Length, Is.GreaterThan(Bodies[name["attach_".Length..]]().Length));
    }

    /// <summary>
    /// Whole bodies too: repeated <c>java.lang.Class</c> entries in <c>parameterTypes</c> are
    /// references, a set argument is a typed list, binary arguments are chunked where Java's buffer
    /// ends. Java's error response was written with <c>completeMessage()</c>; Java bhrpc's never has the final <c>'z'</c>.
    /// </summary>
    [TestCase("rpc_request")]
    [TestCase("rpc_request_set")]
    [TestCase("rpc_request_binary")]
    [TestCase("rpc_response")]
    [TestCase("rpc_response_error")]
    public void DotNetBody_SameBytesAsJava(string name)
    {
        var java = File.ReadAllBytes(Path.Combine(_javaWritten, name + ".bin"));
        if (name == "rpc_response_error")
        {
            Assert.That(java[^1], Is.EqualTo((byte)'z'));
            java = java[..^1];
        }

        Assert.That(Convert.ToHexString(Bodies[name]()), Is.EqualTo(Convert.ToHexString(java)));
    }

    /// <summary>
    /// The README's interop limit, checked: a stock Java <c>Hessian2Input</c> (JDK 17, no
    /// <c>BigDecimalDeserializer</c> registered) reads the BigDecimal .NET writes, which is the
    /// interoperable form, as 0; with the deserializer registered it reads the value (the other tests).
    /// </summary>
    [TestCase("decimal", "java.math.BigDecimal:0")]
    [TestCase("decimal_repeat", "[Ljava.math.BigDecimal;:[[0, 0, 0]]")]
    public void DotNetDecimal_StockJavaReaderWithoutBigDecimalDeserializer_ReadsZero(string name, string stock)
    {
        Assert.That(_javaStockReads.GetValueOrDefault(name, "no stock read from Java"), Is.EqualTo(stock));
        Assert.That(_javaVerdicts[name], Is.EqualTo("OK " + name));
    }

    /// <summary>
    /// The README's other byte limit, checked: a .NET byte property (200) arrives whole in a Java
    /// <c>short</c> field, and Java itself cuts it to -56 in a Java <c>byte</c> field (Hessian's
    /// field reader narrows an int silently): declare such a field sbyte on the .NET side.
    /// </summary>
    [Test]
    public void DotNetByteProperty_JavaShortFieldKeepsIt_JavaByteFieldNarrowsIt()
    {
        Assert.That(_javaByteFields, Is.EqualTo("FIELDS dotnet_only_byte_fields: small=-56 wide=200"));
    }

    /// <summary>The README's claim that a stock Java <c>Hessian2Output</c> on JDK 17 cannot write a BigDecimal without <c>StringValueSerializer</c>.</summary>
    [Test]
    public void StockJavaWriter_BigDecimalWithoutStringValueSerializer_Fails()
    {
        Assert.That(_javaStockWrite, Is.EqualTo("STOCKWRITE decimal: java.lang.reflect.InaccessibleObjectException"));
    }

    [Test]
    public void JavaSetRequest_ReadsTheArgumentAsTheDeclaredSet()
    {
        var body = new ReadOnlySequence<byte>(File.ReadAllBytes(Path.Combine(_javaWritten, "rpc_request_set.bin")));
        var request = Serializer.ReadRequest(body);
        Assert.That(request.ParameterTypes, Is.EqualTo(new[] { "java.util.Set" }));
        var set = request.ReadParameters([typeof(ISet<string>)])[0];
        Assert.That(set, Is.TypeOf<HashSet<string>>().And.EquivalentTo(new[] { "a", "b" }));
    }

    /// <summary>A Java date .NET cannot hold fails with the field and DateTime's range, not a bare overflow.</summary>
    [TestCase("java_only_event_year_10000", "after the year 9999")]
    [TestCase("java_only_event_year_0", "before the year 1")]
    public void JavaDateOutsideDateTime_FailsNamingTheFieldAndTheRange(string name, string when)
    {
        var bytes = File.ReadAllBytes(Path.Combine(_javaWritten, name + ".bin"));
        var reader = new Hessian2Reader(bytes, Hessian2Limits.Default);
        var value = reader.ReadValue();
        var error = Assert.Throws<RpcException>(() => new Hessian2Converter(64).Convert(value, typeof(InteropEvent)))!;
        Assert.That(error.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(error.Message, Does.Contain("field When of " + typeof(InteropEvent)).And.Contain(when)
            .And.Contain("0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z"));
    }

    [Test]
    public void JavaRequest_ReadsInTwoPhases()
    {
        var body = new ReadOnlySequence<byte>(File.ReadAllBytes(Path.Combine(_javaWritten, "rpc_request.bin")));
        var request = Serializer.ReadRequest(body);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.ClassName, Is.EqualTo("com.example.DemoService"));
            Assert.That(request.MethodName, Is.EqualTo("hello"));
            Assert.That(request.ParameterTypes, Is.EqualTo(new[] { "java.lang.String", "int", "java.lang.String" }));
            Assert.That(request.Version, Is.EqualTo("1.0.0"));
            Assert.That(request.Group, Is.EqualTo("g"));
            Assert.That(request.Async, Is.True);
            Assert.That(request.Oneway, Is.False);
            Assert.That(request.ReadParameters([typeof(string), typeof(int), typeof(string)]), Is.EqualTo(new object[] { "binghe", 42, "again" }));
        }
    }

    [TestCase("rpc_response", null, "hello binghe")]
    [TestCase("rpc_response_error", "java.lang.RuntimeException: boom", null)]
    public void JavaResponse_Reads(string name, string? error, string? result)
    {
        var body = new ReadOnlySequence<byte>(File.ReadAllBytes(Path.Combine(_javaWritten, name + ".bin")));
        var response = Serializer.ReadResponse(body);
        Assert.That(response.Error, Is.EqualTo(error));
        Assert.That(response.ReadResult(typeof(string)), Is.EqualTo(result));
    }

    internal static RpcRequest Request(IReadOnlyDictionary<string, string>? attachments = null) => new()
    {
        Attachments = attachments,
        ClassName = "com.example.DemoService",
        MethodName = "hello",
        ParameterTypes = ["java.lang.String", "int", "java.lang.String"],
        Parameters = ["binghe", 42, "again"],
        Version = "1.0.0",
        Group = "g",
        Async = true,
    };

    internal static RpcRequest SetRequest() => new()
    {
        ClassName = "interop.SetService",
        MethodName = "take",
        ParameterTypes = [Bhrpc.Metadata.PortableTypeNames.Of(typeof(HashSet<string>))],
        Parameters = [new HashSet<string> { "a", "b" }],
        ParameterClrTypes = [typeof(HashSet<string>)],
        Version = "1.0.0",
        Group = string.Empty,
    };

    internal static RpcRequest BinaryRequest() => new()
    {
        ClassName = "com.example.Files",
        MethodName = "store",
        ParameterTypes = ["java.lang.String", "[B", "java.lang.String", "[B"],
        Parameters = ["a.bin", HessianInteropCases.Bytes(10000), "b.bin", HessianInteropCases.Bytes(70000)],
        Version = "1.0.0",
        Group = string.Empty,
    };

    /// <summary>Writes a value as Java's <c>writeObject</c> does: in an object slot.</summary>
    internal static byte[] WriteValue(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new Hessian2ValueWriter(new Hessian2Writer(buffer), 64).Write(value, typeof(object));
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Body(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
