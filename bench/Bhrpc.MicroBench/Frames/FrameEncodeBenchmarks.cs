using BenchmarkDotNet.Attributes;
using Bhrpc.Codec;
using Bhrpc.Protocol;

namespace Bhrpc.MicroBench.Frames;

/// <summary>
/// Building one frame as the client and the server do: rent a <see cref="FrameBuilder"/>, write the
/// body through it in one span, fill in the header (<see cref="FrameCodec.WriteHeader"/>), and
/// return the buffer as the write loop does.
/// </summary>
[MemoryDiagnoser]
public class FrameEncodeBenchmarks
{
    private const int MaxFrameSize = ServerOptions.DefaultMaxFrameSize;

    private readonly byte[] _paddedSerializer = FrameCodec.PadSerializerName("json");
    private byte[] _body = [];

    /// <summary>Body size in bytes: a small call and a 64 KiB one.</summary>
    [Params(64, 64 * 1024)]
    public int BodySize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _body = new byte[BodySize];
        new Random(42).NextBytes(_body);
    }

    [Benchmark]
    public int Encode()
    {
        var builder = FrameBuilder.Rent(MaxFrameSize);
        var span = builder.GetSpan(_body.Length);
        _body.CopyTo(span);
        builder.Advance(_body.Length);
        var frame = builder.Complete(MessageType.Request, RpcHeader.StatusFailure, requestId: 42, _paddedSerializer);
        var length = frame.Length;
        frame.Return();
        return length;
    }
}
