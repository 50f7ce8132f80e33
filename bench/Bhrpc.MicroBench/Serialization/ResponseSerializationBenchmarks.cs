using System.Buffers;
using BenchmarkDotNet.Attributes;
using Bhrpc.Protocol;
using Bhrpc.Serialization;

namespace Bhrpc.MicroBench.Serialization;

/// <summary>
/// Successful response bodies, per serializer: writing one (server) and reading one in both
/// phases, the fields and then the result into the declared return type (client).
/// </summary>
[MemoryDiagnoser]
public class ResponseSerializationBenchmarks : SerializationBenchmarkBase
{
    private RpcResponse _response = null!;
    private Type? _resultType;
    private ReadOnlySequence<byte> _body;

    [GlobalSetup]
    public void Setup()
    {
        var call = Prepare();
        _response = call.Response();
        _resultType = call.Method.ResultType;

        _body = BodyOf(output => RpcSerializer.WriteResponse(_response, output));
        if (ReadResponse() is null)
        {
            throw new InvalidOperationException($"'{Serializer}' did not read back the {Payload} response it wrote.");
        }
    }

    [Benchmark]
    public int WriteResponse()
    {
        Output.ResetWrittenCount();
        RpcSerializer.WriteResponse(_response, Output);
        return Output.WrittenCount;
    }

    [Benchmark]
    public object? ReadResponse() => RpcSerializer.ReadResponse(_body).ReadResult(_resultType);
}
