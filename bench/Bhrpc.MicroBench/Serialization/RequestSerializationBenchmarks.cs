using System.Buffers;
using BenchmarkDotNet.Attributes;
using Bhrpc.Protocol;
using Bhrpc.Serialization;

namespace Bhrpc.MicroBench.Serialization;

/// <summary>
/// Request bodies, per serializer: writing one (client) and reading one in both phases, the
/// fields and then the arguments into the declared parameter types (server).
/// </summary>
[MemoryDiagnoser]
public class RequestSerializationBenchmarks : SerializationBenchmarkBase
{
    private RpcRequest _request = null!;
    private Type[] _parameterTypes = [];
    private ReadOnlySequence<byte> _body;

    [GlobalSetup]
    public void Setup()
    {
        var call = Prepare();
        _request = call.Request();
        _parameterTypes = call.Method.ParameterTypes;

        _body = BodyOf(output => RpcSerializer.WriteRequest(_request, output));
        if (ReadRequest().Length != _parameterTypes.Length)
        {
            throw new InvalidOperationException($"'{Serializer}' did not read back the {Payload} request it wrote.");
        }
    }

    [Benchmark]
    public int WriteRequest()
    {
        Output.ResetWrittenCount();
        RpcSerializer.WriteRequest(_request, Output);
        return Output.WrittenCount;
    }

    [Benchmark]
    public object?[] ReadRequest() => RpcSerializer.ReadRequest(_body).ReadParameters(_parameterTypes);
}
