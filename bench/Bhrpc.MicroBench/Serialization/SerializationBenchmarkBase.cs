using System.Buffers;
using BenchmarkDotNet.Attributes;
using Bhrpc.Extensions;
using Bhrpc.MicroBench.Infrastructure;
using Bhrpc.Serialization;

namespace Bhrpc.MicroBench.Serialization;

/// <summary>What the request and response benchmarks share: the serializer and payload parameters, the serializer and the output buffer.</summary>
public abstract class SerializationBenchmarkBase
{
    /// <summary>Every serializer the extension loader knows.</summary>
    public static IEnumerable<string> Serializers => SerializerCatalog.Names;

    [ParamsSource(nameof(Serializers))]
    public string Serializer { get; set; } = string.Empty;

    [Params(Payload.Echo, Payload.Order)]
    public Payload Payload { get; set; }

    protected ArrayBufferWriter<byte> Output { get; } = new(4096);

    protected IRpcSerializer RpcSerializer { get; private set; } = null!;

    /// <summary>Creates the serializer and returns the call for the current parameters.</summary>
    private protected SampleCall Prepare()
    {
        RpcSerializer = ExtensionLoader.Shared.Create<IRpcSerializer>(Serializer);
        return SampleCall.For(Payload, Serializer);
    }

    /// <summary>The bytes <paramref name="write"/> produces, as a body to read.</summary>
    protected static ReadOnlySequence<byte> BodyOf(Action<IBufferWriter<byte>> write)
    {
        var written = new ArrayBufferWriter<byte>();
        write(written);
        return new ReadOnlySequence<byte>(written.WrittenMemory.ToArray());
    }
}
