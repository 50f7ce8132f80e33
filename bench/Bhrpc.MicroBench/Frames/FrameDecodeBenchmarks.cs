using System.Buffers;
using BenchmarkDotNet.Attributes;
using Bhrpc.Codec;
using Bhrpc.MicroBench.Infrastructure;
using Bhrpc.Protocol;

namespace Bhrpc.MicroBench.Frames;

/// <summary>
/// Taking one whole frame off a buffer with <see cref="FrameCodec.TryParse"/>: from one segment, and
/// from many, as a pipe hands out a frame that arrived in pieces (a first segment of 16 bytes, so the
/// header straddles two segments, then 4 KiB segments, the pipe's default).
/// </summary>
[MemoryDiagnoser]
public class FrameDecodeBenchmarks
{
    private const int MaxFrameSize = ServerOptions.DefaultMaxFrameSize;

    private ReadOnlySequence<byte> _single;
    private ReadOnlySequence<byte> _multi;

    /// <summary>Body size in bytes: a small call and a 64 KiB one.</summary>
    [Params(64, 64 * 1024)]
    public int BodySize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var frame = new byte[RpcHeader.Size + BodySize];
        FrameCodec.WriteHeader(frame, MessageType.Request, RpcHeader.StatusFailure, 42, FrameCodec.PadSerializerName("json"), BodySize);
        new Random(42).NextBytes(frame.AsSpan(RpcHeader.Size));
        _single = new ReadOnlySequence<byte>(frame);
        _multi = Segments.Split(frame, firstSize: 16, segmentSize: 4096);
    }

    [Benchmark(Baseline = true)]
    public long SingleSegment() => Parse(_single);

    [Benchmark]
    public long MultiSegment() => Parse(_multi);

    private static long Parse(ReadOnlySequence<byte> buffer)
    {
        if (!FrameCodec.TryParse(ref buffer, MaxFrameSize, out var header, out var body))
        {
            throw new InvalidOperationException("the frame did not parse.");
        }

        return header.RequestId + body.Length;
    }
}
