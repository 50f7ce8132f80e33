using System.Buffers;
using System.IO.Pipelines;
using Bhrpc.Codec;
using Bhrpc.Internal;
using Bhrpc.Protocol;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Transport;

/// <summary>
/// One bhrpc connection over a pair of pipes, shared by the server and the client: a read loop
/// that parses frames and hands each to <see cref="OnFrame"/>, and a write loop that drains an
/// outbox of whole frames (<see cref="FrameOutbox"/>), so concurrent senders never interleave bytes.
/// </summary>
internal abstract partial class FrameConnection
{
    private readonly PipeReader _input;
    private readonly FrameOutbox _outbox;
    private readonly Action _abortTransport;
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastActivity;
    private int _closing;
    private volatile bool _graceful = true;
    private Exception? _closeReason;
    private long _skipRemaining;

    protected FrameConnection(PipeReader input, PipeWriter output, Action abortTransport, string remoteAddress, int maxFrameSize, TimeProvider timeProvider, ILogger logger)
        : this(input, new PipeFrameOutbox(output), abortTransport, remoteAddress, maxFrameSize, timeProvider, logger)
    {
    }

    /// <summary>A connection whose frames are written by <paramref name="outbox"/>.</summary>
    protected FrameConnection(PipeReader input, FrameOutbox outbox, Action abortTransport, string remoteAddress, int maxFrameSize, TimeProvider timeProvider, ILogger logger)
    {
        _input = input;
        _outbox = outbox;
        _abortTransport = abortTransport;
        RemoteAddress = remoteAddress;
        MaxFrameSize = maxFrameSize;
        TimeProvider = timeProvider;
        Logger = logger;
        _lastActivity = timeProvider.GetTimestamp();
    }

    /// <summary>The peer's address, for messages.</summary>
    public string RemoteAddress { get; }

    /// <summary>Completes when the connection has closed and <see cref="OnClosed"/> has run.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Whether closing has begun.</summary>
    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    /// <summary>Why the connection is closing; null while it is open (or in the instant closing begins).</summary>
    public Exception? CloseReason => IsClosing ? Volatile.Read(ref _closeReason) : null;

    protected int MaxFrameSize { get; }

    protected TimeProvider TimeProvider { get; }

    protected ILogger Logger { get; }

    /// <summary>How long nothing has been read from the peer.</summary>
    public TimeSpan Silence => TimeProvider.GetElapsedTime(Interlocked.Read(ref _lastActivity));

    /// <summary>Runs the connection until it closes.</summary>
    public async Task RunAsync()
    {
        var writing = WriteLoopAsync();
        try
        {
            await ReadLoopAsync().ConfigureAwait(false);
            BeginClose(_closeReason ?? new RpcException(RpcStatusCode.ConnectionClosed, $"connection to {RemoteAddress} was closed by the peer."), graceful: true);
        }
        catch (Exception e)
        {
            // Bad magic, a bad length or a frame cut off: this connection closes, every other one carries on.
            Log.ClosedOnError(Logger, RemoteAddress, e.Message);
            BeginClose(e, graceful: false);
        }

        await writing.ConfigureAwait(false);
        try
        {
            if (!_graceful)
            {
                // An abort resets at once, before the pipes complete: completing a stream's writer
                // flushes what it still buffers, which must not wait on (or fail against) a dead peer.
                _abortTransport();
            }

            await CompletePipesAsync().ConfigureAwait(false);
        }
        finally
        {
            // Whatever the transport did, the calls waiting on this connection hear of its end.
            try
            {
                OnClosed(_closeReason!);
            }
            finally
            {
                _abort.Dispose();
                _closed.TrySetResult();
            }
        }
    }

    /// <summary>Queues a whole frame for writing; false (and the buffer returned) when the connection is closing.</summary>
    public bool TrySend(OutgoingFrame frame)
    {
        if (IsClosing || !_outbox.TryAdd(frame))
        {
            frame.Return();
            return false;
        }

        return true;
    }

    /// <summary>Stops reading, writes what is queued, then closes.</summary>
    public void CloseGracefully(Exception reason) => BeginClose(reason, graceful: true);

    /// <summary>Closes at once, dropping what is queued.</summary>
    public void Abort(Exception reason) => BeginClose(reason, graceful: false);

    /// <summary>Handles one frame on the read loop. Must not block; the body is valid only during the call.</summary>
    protected abstract void OnFrame(in RpcHeader header, in ReadOnlySequence<byte> body);

    /// <summary>
    /// Runs on the read loop for a frame whose body is over <see cref="MaxFrameSize"/> but at most
    /// <see cref="FrameCodec.SkipFactor"/> times it, before the body arrives. True: the body is
    /// discarded as it arrives and the connection carries on. False (the default): the connection closes.
    /// </summary>
    protected virtual bool OnOversizedFrame(in RpcHeader header) => false;

    /// <summary>Runs once, after both loops have stopped.</summary>
    protected virtual void OnClosed(Exception reason)
    {
    }

    private void BeginClose(Exception reason, bool graceful)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 0)
        {
            _closeReason = reason;
            _outbox.Complete();
            _input.CancelPendingRead();
        }

        if (!graceful)
        {
            _graceful = false;
            try
            {
                _abort.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already fully closed.
            }
        }
    }

    private async Task CompletePipesAsync()
    {
        try
        {
            await _input.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransportFailure(e))
        {
            Log.CompleteFailed(Logger, RemoteAddress, e);
        }

        try
        {
            // A graceful close sends here what the write loop left buffered.
            await _outbox.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransportFailure(e))
        {
            Log.CompleteFailed(Logger, RemoteAddress, e);
        }
    }

    /// <summary>What closing pipes over a dead or torn-down socket throws.</summary>
    private static bool IsTransportFailure(Exception e)
        => e is IOException or ObjectDisposedException or OperationCanceledException or System.Net.Sockets.SocketException;

    private async Task ReadLoopAsync()
    {
        while (true)
        {
            var result = await _input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            if (result.IsCanceled || IsClosing)
            {
                _input.AdvanceTo(buffer.Start);
                return;
            }

            if (!buffer.IsEmpty)
            {
                Interlocked.Exchange(ref _lastActivity, TimeProvider.GetTimestamp());
            }

            try
            {
                while (SkipOversizedBody(ref buffer))
                {
                    var parsed = FrameCodec.TryParseOrSkip(ref buffer, MaxFrameSize, out var header, out var body);
                    if (parsed == FrameParse.Incomplete)
                    {
                        break;
                    }

                    if (parsed == FrameParse.Oversized)
                    {
                        if (!OnOversizedFrame(header))
                        {
                            throw FrameCodec.TooLarge(header.BodyLength, MaxFrameSize);
                        }

                        _skipRemaining = header.BodyLength;
                        continue;
                    }

                    OnFrame(header, body);
                }
            }
            finally
            {
                // Consumed up to the last whole frame; examined everything, so the next read waits for more bytes.
                _input.AdvanceTo(buffer.Start, buffer.End);
            }

            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty || _skipRemaining > 0)
                {
                    throw new RpcException(RpcStatusCode.ConnectionClosed, $"connection to {RemoteAddress} closed in the middle of a frame ({buffer.Length} bytes of an incomplete frame were left, {_skipRemaining} bytes of a skipped body were missing).");
                }

                return;
            }
        }
    }

    /// <summary>Discards what has arrived of an oversized body; true when none is left to discard, so parsing goes on.</summary>
    private bool SkipOversizedBody(ref ReadOnlySequence<byte> buffer)
    {
        if (_skipRemaining > 0)
        {
            // Consumed piece by piece as it arrives: the pipe never holds more of it than one read.
            var discard = Math.Min(_skipRemaining, buffer.Length);
            buffer = buffer.Slice(discard);
            _skipRemaining -= discard;
        }

        return _skipRemaining == 0;
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            // The client's outbox completes this task on its own thread without a hop, so what follows
            // (and the close after it) needs no thread-pool thread.
            await _outbox.RunAsync(_abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Aborted: what is queued is dropped below.
        }
        catch (Exception e)
        {
            Log.WriteFailed(Logger, RemoteAddress, e);
            BeginClose(e, graceful: false);
        }
        finally
        {
            _outbox.DropQueued();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.Transport + 1, LogLevel.Warning, "Closing the connection to {Remote}: {Reason}")]
        public static partial void ClosedOnError(ILogger logger, string remote, string reason);

        [LoggerMessage(LogEventIds.Transport + 0, LogLevel.Debug, "Writing to {Remote} failed")]
        public static partial void WriteFailed(ILogger logger, string remote, Exception exception);

        [LoggerMessage(LogEventIds.Transport + 2, LogLevel.Debug, "Closing the pipes of the connection to {Remote} failed")]
        public static partial void CompleteFailed(ILogger logger, string remote, Exception exception);
    }
}
