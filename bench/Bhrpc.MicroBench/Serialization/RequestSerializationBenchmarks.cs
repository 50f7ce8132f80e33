using System.Buffers;
using BenchmarkDotNet.Attributes;
using Bhrpc.Extensions;
using Bhrpc.MicroBench.Infrastructure;
using Bhrpc.Protocol;
using Bhrpc.Serialization;

namespace Bhrpc.MicroBench.Serialization;

/// <summary>
/// Request bodies, per serializer: writing one (client) and reading one in both phases, the
/// fields and then the arguments into the declared parameter types (server).
/// </summary>
[MemoryDiagnoser]
public class RequestSerializationBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private IRpcSerializer _serializer = null!;
    private RpcRequest _request = null!;
    private Type[] _parameterTypes = [];
    private ReadOnlySequence<byte> _body;

    /// <summary>Every serializer the extension loader knows.</summary>
    public static IEnumerable<string> Serializers => SerializerCatalog.Names;

    [ParamsSource(nameof(Serializers))]
    public string Serializer { get; set; } = string.Empty;

    [Params(Payload.Echo, Payload.Order)]
    public Payload Payload { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _serializer = ExtensionLoader.Shared.Create<IRpcSerializer>(Serializer);
        var call = SampleCall.For(Payload, Serializer);
        _request = call.Request();
        _parameterTypes = call.Method.ParameterTypes;

        var written = new ArrayBufferWriter<byte>();
        _serializer.WriteRequest(_request, written);
        _body = new ReadOnlySequence<byte>(written.WrittenMemory.ToArray());
        if (ReadRequest().Length != _parameterTypes.Length)
        {
            throw new InvalidOperationException($"'{Serializer}' did not read back the {Payload} request it wrote.");
        }
    }

    [Benchmark]
    public int WriteRequest()
    {
        _output.ResetWrittenCount();
        _serializer.WriteRequest(_request, _output);
        return _output.WrittenCount;
    }

    [Benchmark]
    public object?[] ReadRequest() => _serializer.ReadRequest(_body).ReadParameters(_parameterTypes);
}
