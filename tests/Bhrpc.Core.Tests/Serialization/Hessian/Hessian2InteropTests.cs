using System.Buffers;
using Bhrpc.Protocol;
using Bhrpc.Serialization.Hessian;

namespace Bhrpc.Tests.Serialization.Hessian;

/// <summary>
/// Runs Java's Caucho Hessian 4.0.38 (two java runs per test run): Java writes every case and
/// .NET reads it into the declared type; .NET writes every case and Java reads and compares it.
/// </summary>
[TestFixture]
public sealed class Hessian2InteropTests
{
    private static readonly Hessian2RpcSerializer Serializer = new();
    private string _javaWritten = null!;
    private string _dotnetWritten = null!;
    private Dictionary<string, string> _javaVerdicts = null!;

    public static IEnumerable<TestCaseData> Names() => HessianInteropCases.Names();

    /// <summary>The cases under 8 KiB: beyond Java's output buffer its chunk boundaries move, so larger ones are checked by value only.</summary>
    public static IEnumerable<TestCaseData> SmallNames() =>
        HessianInteropCases.Names().Where(c => !LargeCases.Contains((string)c.Arguments[0]!));

    private static readonly HashSet<string> LargeCases =
        ["string_32768", "string_32769", "string_70000", "string_emoji_chunk", "string_mixed", "binary_65535", "binary_65536", "binary_70000"];

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

        File.WriteAllBytes(Path.Combine(_dotnetWritten, "rpc_request.bin"), Body(w => Serializer.WriteRequest(Request(), w)));
        File.WriteAllBytes(Path.Combine(_dotnetWritten, "rpc_response.bin"), Body(w => Serializer.WriteResponse(new RpcResponse { Result = "hello binghe", Async = true }, w)));
        File.WriteAllBytes(Path.Combine(_dotnetWritten, "rpc_response_error.bin"), Body(w => Serializer.WriteResponse(new RpcResponse { Error = "java.lang.RuntimeException: boom" }, w)));

        _javaVerdicts = JavaHessian.Run("read", _dotnetWritten)
            .Where(line => line.StartsWith("OK ", StringComparison.Ordinal) || line.StartsWith("FAIL ", StringComparison.Ordinal))
            .ToDictionary(line => line.Split(' ', 2)[1].Split(':')[0]);
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
                break;
        }
    }

    [TestCaseSource(nameof(Names))]
    [TestCase("rpc_request")]
    [TestCase("rpc_response")]
    [TestCase("rpc_response_error")]
    public void DotNetWrites_JavaReadsAnEqualValue(string name)
    {
        Assert.That(_javaVerdicts.GetValueOrDefault(name, "no verdict from Java"), Is.EqualTo("OK " + name));
    }

    /// <summary>Values small enough that Java's 8 KiB output buffer does not move chunk boundaries come out byte for byte as Java writes them.</summary>
    [TestCaseSource(nameof(SmallNames))]
    public void DotNetWrites_SameBytesAsJava(string name)
    {
        var value = HessianInteropCases.Values.Single(c => c.Name == name).Value;
        var java = File.ReadAllBytes(Path.Combine(_javaWritten, name + ".bin"));
        Assert.That(Convert.ToHexString(WriteValue(value)), Is.EqualTo(Convert.ToHexString(java)));
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

    internal static RpcRequest Request() => new()
    {
        ClassName = "com.example.DemoService",
        MethodName = "hello",
        ParameterTypes = ["java.lang.String", "int", "java.lang.String"],
        Parameters = ["binghe", 42, "again"],
        Version = "1.0.0",
        Group = "g",
        Async = true,
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
