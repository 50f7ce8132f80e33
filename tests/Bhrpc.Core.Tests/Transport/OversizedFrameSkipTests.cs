using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Bhrpc.Codec;
using Bhrpc.Protocol;
using Bhrpc.Tests.Infrastructure;
using Bhrpc.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bhrpc.Tests.Transport;

/// <summary>
/// The read loop with a receiver that skips oversized frames (the server): fed one byte at a time, an
/// oversized frame's body is discarded as it arrives (never held whole), the frames around it are read
/// intact, and the connection carries on; a length over 4 × the limit still closes it.
/// </summary>
public sealed class OversizedFrameSkipTests
{
    private const int Limit = 64;

    private static byte[] Frame(MessageType type, long id, byte[] body)
    {
        var builder = FrameBuilder.Rent(1 << 20);
        builder.Write(body);
        var frame = builder.Complete(type, RpcHeader.StatusFailure, id, FrameCodec.PadSerializerName("json"));
        var bytes = frame.Span.ToArray();
        frame.Return();
        return bytes;
    }

    private static byte[] Body(int length, byte value) => Enumerable.Repeat(value, length).ToArray();

    [Test]
    public async Task OversizedFramesBetweenOthers_FedOneByteAtATime_AreSkippedAndTheOthersReadIntact()
    {
        // The writer waits after each byte until the reader has examined it, so what a read returns is what the connection kept unconsumed, plus that byte.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1, resumeWriterThreshold: 1, useSynchronizationContext: false));
        var input = new MeasuringReader(pipe.Reader);
        var connection = new SkippingConnection(input, skip: true);
        var running = connection.RunAsync();
        var stream = Frame(MessageType.Request, 1, Body(10, 0xA1))
            .Concat(Frame(MessageType.Request, 2, Body(250, 0xEE)))
            .Concat(Frame(MessageType.HeartbeatFromConsumer, 3, Body(5, 0xA3)))
            .Concat(Frame((MessageType)42, 4, Body(4 * Limit, 0xEE)))
            .Concat(Frame(MessageType.Request, 5, Body(Limit, 0xA5)))
            .ToArray();

        foreach (var b in stream)
        {
            await pipe.Writer.WriteAsync(new[] { b }).AsTask().WithTimeout();
        }

        await pipe.Writer.CompleteAsync();
        await running.WithTimeout();

        Assert.Multiple(() =>
        {
            Assert.That(connection.Frames.Select(f => f.Header.RequestId), Is.EqualTo(new long[] { 1, 3, 5 }));
            Assert.That(connection.Frames[0].Body, Is.EqualTo(Body(10, 0xA1)));
            Assert.That(connection.Frames[1].Body, Is.EqualTo(Body(5, 0xA3)));
            Assert.That(connection.Frames[2].Body, Is.EqualTo(Body(Limit, 0xA5)));
            Assert.That(connection.Oversized.Select(h => (h.RequestId, h.BodyLength)), Is.EqualTo(new[] { (2L, 250), (4L, 4 * Limit) }));
            Assert.That(connection.ClosedWith.Task.Result.Message, Does.Contain("closed by the peer"), "a clean end, not an error");
            Assert.That(input.LongestBuffer, Is.LessThanOrEqualTo(RpcHeader.Size + Limit), "a skipped body is consumed as it arrives, never held whole");
        });
    }

    [Test]
    public async Task LengthOverFourTimesTheLimit_ClosesWithFrameTooLargeWithoutWaitingForTheBody()
    {
        var pipe = new Pipe();
        var connection = new SkippingConnection(pipe.Reader, skip: true);
        var running = connection.RunAsync();
        var header = Frame(MessageType.Request, 1, [])[..RpcHeader.Size];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(28), (4 * Limit) + 1);

        foreach (var b in header)
        {
            await pipe.Writer.WriteAsync(new[] { b }).AsTask().WithTimeout();
        }

        await running.WithTimeout();
        var reason = await connection.ClosedWith.Task.WithTimeout();
        Assert.That(reason, Is.InstanceOf<RpcException>().With.Property(nameof(RpcException.StatusCode)).EqualTo(RpcStatusCode.FrameTooLarge));
        Assert.That(reason.Message, Does.Contain("4 times the limit of 64 bytes"));
        Assert.That(connection.Oversized, Is.Empty);
    }

    [Test]
    public async Task ReceiverThatDoesNotSkip_OversizedFrameClosesTheConnection()
    {
        var pipe = new Pipe();
        var connection = new SkippingConnection(pipe.Reader, skip: false);
        var running = connection.RunAsync();

        await pipe.Writer.WriteAsync(Frame(MessageType.Response, 1, Body(Limit + 1, 0))).AsTask().WithTimeout();

        await running.WithTimeout();
        var reason = await connection.ClosedWith.Task.WithTimeout();
        Assert.That(reason, Is.InstanceOf<RpcException>().With.Property(nameof(RpcException.StatusCode)).EqualTo(RpcStatusCode.FrameTooLarge));
        Assert.That(reason.Message, Does.Contain("exceeds the limit of 64 bytes"));
    }

    [Test]
    public async Task PeerClosesInTheMiddleOfASkippedBody_ClosesAsACutOffFrame()
    {
        var pipe = new Pipe();
        var connection = new SkippingConnection(pipe.Reader, skip: true);
        var running = connection.RunAsync();

        await pipe.Writer.WriteAsync(Frame(MessageType.Request, 1, Body(100, 0))[..(RpcHeader.Size + 50)]).AsTask().WithTimeout();
        await pipe.Writer.CompleteAsync();

        await running.WithTimeout();
        var reason = await connection.ClosedWith.Task.WithTimeout();
        Assert.That(reason.Message, Does.Contain("in the middle of a frame").And.Contain("50 bytes of a skipped body were missing"));
    }

    /// <summary>Remembers the longest buffer a read returned: how much the connection ever held unconsumed.</summary>
    private sealed class MeasuringReader(PipeReader inner) : PipeReader
    {
        public long LongestBuffer { get; private set; }

        public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
        {
            var result = await inner.ReadAsync(cancellationToken);
            LongestBuffer = Math.Max(LongestBuffer, result.Buffer.Length);
            return result;
        }

        public override bool TryRead(out ReadResult result)
        {
            var read = inner.TryRead(out result);
            if (read)
            {
                LongestBuffer = Math.Max(LongestBuffer, result.Buffer.Length);
            }

            return read;
        }

        public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

        public override void CancelPendingRead() => inner.CancelPendingRead();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);
    }

    private sealed class SkippingConnection(PipeReader input, bool skip)
        : FrameConnection(input, new Pipe().Writer, () => { }, "peer:1", Limit, TimeProvider.System, NullLogger.Instance)
    {
        public List<(RpcHeader Header, byte[] Body)> Frames { get; } = [];

        public List<RpcHeader> Oversized { get; } = [];

        public TaskCompletionSource<Exception> ClosedWith { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override void OnFrame(in RpcHeader header, in ReadOnlySequence<byte> body) => Frames.Add((header, body.ToArray()));

        protected override bool OnOversizedFrame(in RpcHeader header)
        {
            Oversized.Add(header);
            return skip;
        }

        protected override void OnClosed(Exception reason) => ClosedWith.TrySetResult(reason);
    }
}
