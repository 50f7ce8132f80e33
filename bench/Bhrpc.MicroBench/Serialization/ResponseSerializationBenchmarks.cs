using System.Buffers;
using BenchmarkDotNet.Attributes;
using Bhrpc.Extensions;
using Bhrpc.MicroBench.Infrastructure;
using Bhrpc.Protocol;
using Bhrpc.Serialization;

namespace Bhrpc.MicroBench.Serialization;

/// <summary>
/// Successful response bodies, per serializer: writing one (server) and reading one in both
/// phases, the fields and then the result into the declared return type (client).
/// </summary>
[MemoryDiagnoser]
public class ResponseSerializationBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private IRpcSerializer _serializer = null!;
    private RpcResponse _response = null!;
    private Type? _resultType;
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
        _response = call.Response();
        _resultType = call.Method.ResultType;

        var written = new ArrayBufferWriter<byte>();
        _serializer.WriteResponse(_response, written);
        _body = new ReadOnlySequence<byte>(written.WrittenMemory.ToArray());
        if (ReadResponse() is null)
        {
            throw new InvalidOperationException($"'{Serializer}' did not read back the {Payload} response it wrote.");
        }
    }

    [Benchmark]
    public int WriteResponse()
    {
        _output.ResetWrittenCount();
        _serializer.WriteResponse(_response, _output);
        return _output.WrittenCount;
    }

    [Benchmark]
    public object? ReadResponse() => _serializer.ReadResponse(_body).ReadResult(_resultType);
}
