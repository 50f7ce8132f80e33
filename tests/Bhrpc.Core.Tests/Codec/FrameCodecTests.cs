using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Bhrpc.Codec;
using Bhrpc.Protocol;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Codec;

public sealed class FrameCodecTests
{
    private static byte[] Frame(MessageType type, long id, string serializer, byte[] body, byte status = 1)
    {
        var builder = FrameBuilder.Rent(1 << 20);
        builder.Write(body);
        var frame = builder.Complete(type, status, id, FrameCodec.PadSerializerName(serializer));
        var bytes = frame.Span.ToArray();
        frame.Return();
        return bytes;
    }

    [Test]
    public void Complete_WritesHeaderExactlyAsProtocolSays()
    {
        var bytes = Frame(MessageType.Request, 0x0102030405060708, "json", [0xAA, 0xBB]);

        Assert.That(bytes, Is.EqualTo(new byte[]
        {
            0x00, 0x10, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8,
            (byte)'j', (byte)'s', (byte)'o', (byte)'n', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0',
            0, 0, 0, 2, 0xAA, 0xBB,
        }));
    }

    [Test]
    public void ReadSerializerName_StripsOnlyTrailingPadding()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FrameCodec.ReadSerializerName(FrameCodec.PadSerializerName("hessian2")), Is.EqualTo("hessian2"));
            Assert.That(FrameCodec.ReadSerializerName(FrameCodec.PadSerializerName("a0b")), Is.EqualTo("a0b"));
            Assert.That(FrameCodec.ReadSerializerName("protostuff000000"u8), Is.EqualTo("protostuff"));
            Assert.That(FrameCodec.ReadSerializerName("abcdefghijklmnop"u8), Is.EqualTo("abcdefghijklmnop"));
        });
    }

    [TestCase("")]
    [TestCase("json0")]
    [TestCase("abcdefghijklmnopq")]
    public void PadSerializerName_InvalidName_Throws(string name)
        => Assert.That(() => FrameCodec.PadSerializerName(name), Throws.ArgumentException.With.Message.Contains("serializer name"));

    [Test]
    public void TryParse_FedOneByteAtATime_YieldsEachFrameOnceWhole()
    {
        var stream = Frame(MessageType.Request, 1, "json", [1, 2, 3])
            .Concat(Frame(MessageType.Response, 2, "hessian2", []))
            .Concat(Frame(MessageType.HeartbeatFromConsumer, 3, "json", [9]))
            .ToArray();

        var frames = new List<(RpcHeader Header, byte[] Body)>();
        var pending = new List<byte>();
        foreach (var b in stream)
        {
            pending.Add(b);
            var buffer = SequenceHelper.Split([.. pending], 1);
            while (FrameCodec.TryParse(ref buffer, 1024, out var header, out var body))
            {
                frames.Add((header, body.ToArray()));
            }

            pending = [.. buffer.ToArray()];
        }

        Assert.That(frames, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(frames[0].Header, Is.EqualTo(new RpcHeader(MessageType.Request, 1, 1, "json", 3)));
            Assert.That(frames[0].Body, Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(frames[1].Header, Is.EqualTo(new RpcHeader(MessageType.Response, 1, 2, "hessian2", 0)));
            Assert.That(frames[2].Header.Type, Is.EqualTo(MessageType.HeartbeatFromConsumer));
            Assert.That(frames[2].Body, Is.EqualTo(new byte[] { 9 }));
            Assert.That(pending, Is.Empty);
        });
    }

    [Test]
    public void TryParse_ManyFramesInOneRead_ParsesAll()
    {
        var stream = Enumerable.Range(1, 100).SelectMany(i => Frame(MessageType.Request, i, "json", [(byte)i])).ToArray();
        var buffer = new ReadOnlySequence<byte>(stream);

        var ids = new List<long>();
        while (FrameCodec.TryParse(ref buffer, 1024, out var header, out var body))
        {
            Assert.That(body.FirstSpan[0], Is.EqualTo((byte)header.RequestId));
            ids.Add(header.RequestId);
        }

        Assert.That(ids, Is.EqualTo(Enumerable.Range(1, 100).Select(i => (long)i)));
        Assert.That(buffer.IsEmpty, Is.True);
    }

    [Test]
    public void TryParse_SplitAtEveryByte_ParsesTheSameFrame([Range(1, 40)] int split)
    {
        var bytes = Frame(MessageType.Request, 42, "json", [.. Enumerable.Range(0, 9).Select(i => (byte)i)]);
        // Segments of `split` bytes: the first cut falls at byte `split`, so every boundary 1..40 is covered.
        var buffer = SequenceHelper.Split(bytes, split);

        Assert.That(FrameCodec.TryParse(ref buffer, 1024, out var header, out var body), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(header.RequestId, Is.EqualTo(42));
            Assert.That(body.ToArray(), Is.EqualTo(Enumerable.Range(0, 9).Select(i => (byte)i)));
            Assert.That(buffer.IsEmpty, Is.True);
        });
    }

    [Test]
    public void TryParse_WrongMagic_ThrowsProtocolError()
    {
        var bytes = Frame(MessageType.Request, 1, "json", []);
        bytes[1] = 0x11;
        var buffer = new ReadOnlySequence<byte>(bytes);

        var error = Assert.Throws<RpcException>(() => FrameCodec.TryParse(ref buffer, 1024, out _, out _));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.ProtocolError));
        Assert.That(error.Message, Does.Contain("expected magic 0x0010"));
    }

    [Test]
    public void TryParse_NegativeLength_ThrowsProtocolError()
    {
        var bytes = Frame(MessageType.Request, 1, "json", []);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(28), -5);
        var buffer = new ReadOnlySequence<byte>(bytes);

        var error = Assert.Throws<RpcException>(() => FrameCodec.TryParse(ref buffer, 1024, out _, out _));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.ProtocolError));
    }

    [Test]
    public void TryParse_OverLimit_ThrowsBeforeTheBodyArrives()
    {
        // Only the header is present: the limit must be enforced without waiting for 2 GiB.
        var header = Frame(MessageType.Request, 1, "json", [])[..32];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(28), int.MaxValue);
        var buffer = new ReadOnlySequence<byte>(header);

        var error = Assert.Throws<RpcException>(() => FrameCodec.TryParse(ref buffer, 8 * 1024 * 1024, out _, out _));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.FrameTooLarge));
        Assert.That(error.Message, Does.Contain("MaxFrameSize"));
    }

    [Test]
    public void TryParse_IncompleteBody_LeavesBufferUntouched()
    {
        var bytes = Frame(MessageType.Request, 1, "json", [1, 2, 3, 4]);
        var buffer = new ReadOnlySequence<byte>(bytes[..^1]);

        Assert.That(FrameCodec.TryParse(ref buffer, 1024, out _, out _), Is.False);
        Assert.That(buffer.Length, Is.EqualTo(bytes.Length - 1));
    }

    [Test]
    public void Complete_BodyOverLimit_ThrowsFrameTooLarge()
    {
        var builder = FrameBuilder.Rent(10);
        builder.Write(new byte[11]);

        var error = Assert.Throws<RpcException>(() => builder.Complete(MessageType.Response, 0, 1, FrameCodec.PadSerializerName("json")));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.FrameTooLarge));
    }

    [Test]
    public async Task TryParse_OverAPipeFedOneByteAtATime_YieldsWholeFrames()
    {
        var bytes = Frame(MessageType.Request, 7, "json", [5, 6, 7]).Concat(Frame(MessageType.Request, 8, "json", [8])).ToArray();
        var pipe = new Pipe();
        var writing = Task.Run(async () =>
        {
            foreach (var b in bytes)
            {
                await pipe.Writer.WriteAsync(new[] { b });
            }

            await pipe.Writer.CompleteAsync();
        });

        var ids = new List<long>();
        while (true)
        {
            var result = await pipe.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            var buffer = result.Buffer;
            while (FrameCodec.TryParse(ref buffer, 1024, out var header, out _))
            {
                ids.Add(header.RequestId);
            }

            pipe.Reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        await writing.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(ids, Is.EqualTo(new long[] { 7, 8 }));
    }
}
