using System.Buffers;
using System.IO.Pipelines;
using Bhrpc.Codec;
using Bhrpc.Protocol;
using Bhrpc.Tests.Infrastructure;
using Bhrpc.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bhrpc.Tests.Transport;

/// <summary>
/// How a connection ends when its transport misbehaves: whatever the pipes do while closing, the
/// connection's end is reported (<c>OnClosed</c>), because that is what fails the calls waiting on it.
/// </summary>
public sealed class FrameConnectionTests
{
    [Test]
    public async Task PeerResets_WriterFailsWhileCompleting_ClosedStillReportedWithTheReason()
    {
        // A stream's pipe writer flushes what it buffers when completed; against a reset socket that throws.
        var input = new Pipe();
        var output = new ScriptedWriter(complete: () => throw new IOException("Broken pipe"));
        var connection = new RecordingConnection(input.Reader, output, abortTransport: () => { });
        var running = connection.RunAsync();

        await input.Writer.CompleteAsync(new IOException("Connection reset by peer"));

        await running.WithTimeout();
        var reason = await connection.ClosedWith.Task.WithTimeout();
        Assert.That(reason.Message, Does.Contain("Connection reset by peer"));
        Assert.That(connection.Closed.IsCompletedSuccessfully, Is.True);
    }

    [Test]
    public async Task PeerResets_WriterWouldWaitForTheDeadPeer_TransportAbortedFirstSoClosingEnds()
    {
        // Completing the writer blocks until the transport is torn down (a send into a full, dead socket):
        // an aborted connection must tear the transport down first, not wait for the peer.
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var input = new Pipe();
        var output = new ScriptedWriter(complete: () =>
        {
            aborted.Task.Wait();
            throw new ObjectDisposedException("socket");
        });
        var connection = new RecordingConnection(input.Reader, output, abortTransport: () => aborted.TrySetResult());
        var running = connection.RunAsync();

        await input.Writer.CompleteAsync(new IOException("Connection reset by peer"));

        await running.WithTimeout();
        Assert.That(aborted.Task.IsCompleted, Is.True, "the transport is aborted on a reset");
        Assert.That((await connection.ClosedWith.Task.WithTimeout()).Message, Does.Contain("Connection reset by peer"));
    }

    [Test]
    public async Task PeerClosesCleanly_QueuedFrameIsWrittenBeforeTheWriterCompletes()
    {
        var input = new Pipe();
        var output = new ScriptedWriter(complete: () => { });
        var connection = new RecordingConnection(input.Reader, output, abortTransport: () => Assert.Fail("a clean close must not reset"));
        var running = connection.RunAsync();
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(3);
        rented[0] = 1;
        rented[1] = 2;
        rented[2] = 3;
        Assert.That(connection.TrySend(new OutgoingFrame(rented, 3)), Is.True);

        connection.CloseGracefully(new RpcException(RpcStatusCode.ConnectionClosed, "done"));
        await input.Writer.CompleteAsync();

        await running.WithTimeout();
        Assert.That(output.Written, Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(output.Completed, Is.True);
        Assert.That((await connection.ClosedWith.Task.WithTimeout()).Message, Does.Contain("done"));
    }

    private sealed class RecordingConnection(PipeReader input, PipeWriter output, Action abortTransport)
        : FrameConnection(input, output, abortTransport, "peer:1", 1024, TimeProvider.System, NullLogger.Instance)
    {
        public TaskCompletionSource<Exception> ClosedWith { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override void OnFrame(in RpcHeader header, in ReadOnlySequence<byte> body)
        {
        }

        protected override void OnClosed(Exception reason) => ClosedWith.TrySetResult(reason);
    }

    /// <summary>A pipe writer that keeps what is flushed and runs <c>complete</c> when completed.</summary>
    private sealed class ScriptedWriter(Action complete) : PipeWriter
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();
        private readonly List<byte> _written = [];
        private int _unflushed;

        public byte[] Written
        {
            get
            {
                lock (_written)
                {
                    return [.. _written];
                }
            }
        }

        public bool Completed { get; private set; }

        public override void Advance(int bytes)
        {
            _buffer.Advance(bytes);
            _unflushed += bytes;
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => _buffer.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => _buffer.GetSpan(sizeHint);

        public override void CancelPendingFlush()
        {
        }

        public override void Complete(Exception? exception = null) => CompleteAsync(exception).AsTask().GetAwaiter().GetResult();

        public override ValueTask CompleteAsync(Exception? exception = null)
        {
            Completed = true;
            complete();
            return ValueTask.CompletedTask;
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            lock (_written)
            {
                _written.AddRange(_buffer.WrittenSpan[^_unflushed..].ToArray());
            }

            _unflushed = 0;
            return ValueTask.FromResult(new FlushResult(isCanceled: false, isCompleted: false));
        }
    }
}
