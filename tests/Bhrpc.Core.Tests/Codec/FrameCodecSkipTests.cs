using System.Buffers;
using System.Buffers.Binary;
using Bhrpc.Codec;
using Bhrpc.Protocol;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Codec;

/// <summary>
/// <see cref="FrameCodec.TryParseOrSkip"/>: a header announcing a body over the limit (up to 4 × it) is
/// taken off alone, before any of the body, so the receiver can discard the body; beyond 4 × it is an error.
/// </summary>
public sealed class FrameCodecSkipTests
{
    private const int Limit = 64;

    private static byte[] Header(MessageType type, long id, int bodyLength)
    {
        var builder = FrameBuilder.Rent(1 << 20);
        var frame = builder.Complete(type, RpcHeader.StatusFailure, id, FrameCodec.PadSerializerName("json"));
        var bytes = frame.Span.ToArray();
        frame.Return();
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(28), bodyLength);
        return bytes;
    }

    [Test]
    public void TryParseOrSkip_OversizedHeaderFedOneByteAtATime_ReturnsOversizedAtTheHeadersLastByte()
    {
        var bytes = Header(MessageType.Request, 9, Limit + 1).Concat(new byte[] { 1, 2, 3 }).ToArray();

        for (var length = 0; length < RpcHeader.Size; length++)
        {
            var partial = SequenceHelper.Split(bytes[..length], 1);
            Assert.That(FrameCodec.TryParseOrSkip(ref partial, Limit, out _, out _), Is.EqualTo(FrameParse.Incomplete), $"{length} bytes");
            Assert.That(partial.Length, Is.EqualTo(length), "an incomplete header leaves the buffer as it was");
        }

        var buffer = SequenceHelper.Split(bytes, 1);
        Assert.That(FrameCodec.TryParseOrSkip(ref buffer, Limit, out var header, out var body), Is.EqualTo(FrameParse.Oversized));
        Assert.Multiple(() =>
        {
            Assert.That(header, Is.EqualTo(new RpcHeader(MessageType.Request, RpcHeader.StatusFailure, 9, "json", Limit + 1)));
            Assert.That(body.IsEmpty, Is.True);
            Assert.That(buffer.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }), "only the header is taken; the body is the caller's to discard");
        });
    }

    [Test]
    public void TryParseOrSkip_ExactlyFourTimesTheLimit_IsSkippedNotFatal()
    {
        var buffer = new ReadOnlySequence<byte>(Header(MessageType.Request, 1, FrameCodec.SkipFactor * Limit));

        Assert.That(FrameCodec.TryParseOrSkip(ref buffer, Limit, out var header, out _), Is.EqualTo(FrameParse.Oversized));
        Assert.That(header.BodyLength, Is.EqualTo(4 * Limit));
    }

    [TestCase(4 * Limit + 1)]
    [TestCase(int.MaxValue)]
    public void TryParseOrSkip_OverFourTimesTheLimit_ThrowsFrameTooLargeNamingTheLimit(int length)
    {
        var buffer = new ReadOnlySequence<byte>(Header(MessageType.Request, 1, length));

        var error = Assert.Throws<RpcException>(() => FrameCodec.TryParseOrSkip(ref buffer, Limit, out _, out _));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.FrameTooLarge));
        Assert.That(error.Message, Does.Contain($"{length} bytes").And.Contain("4 times the limit of 64 bytes").And.Contain("MaxFrameSize"));
    }

    [Test]
    public void TryParseOrSkip_NegativeLength_ThrowsProtocolError()
    {
        var buffer = new ReadOnlySequence<byte>(Header(MessageType.Request, 1, -1));

        var error = Assert.Throws<RpcException>(() => FrameCodec.TryParseOrSkip(ref buffer, Limit, out _, out _));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.ProtocolError));
    }

    [Test]
    public void TryParseOrSkip_WithinTheLimit_ParsesTheWholeFrameOnlyOnceItArrived()
    {
        var bytes = Header(MessageType.Request, 3, 2).Concat(new byte[] { 7, 8 }).ToArray();
        var partial = new ReadOnlySequence<byte>(bytes[..^1]);
        var whole = SequenceHelper.Split(bytes, 1);

        Assert.That(FrameCodec.TryParseOrSkip(ref partial, Limit, out _, out _), Is.EqualTo(FrameParse.Incomplete));
        Assert.That(FrameCodec.TryParseOrSkip(ref whole, Limit, out var header, out var body), Is.EqualTo(FrameParse.Frame));
        Assert.That(header.RequestId, Is.EqualTo(3));
        Assert.That(body.ToArray(), Is.EqualTo(new byte[] { 7, 8 }));
        Assert.That(whole.IsEmpty, Is.True);
    }

    [Test]
    public void TryParse_JustOverTheLimit_StillThrows()
    {
        // The plain parser (a receiver that does not skip) keeps the old rule: over the limit closes.
        var buffer = new ReadOnlySequence<byte>(Header(MessageType.Response, 1, Limit + 1));

        var error = Assert.Throws<RpcException>(() => FrameCodec.TryParse(ref buffer, Limit, out _, out _));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.FrameTooLarge));
        Assert.That(error.Message, Does.Contain("exceeds the limit of 64 bytes"));
    }
}
