using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Bhrpc.Codec;
using Bhrpc.Protocol;

namespace Bhrpc.Bench.Systems;

/// <summary>
/// The raw baseline's client connection: one pipelined socket with System.IO.Pipelines, bhrpc's
/// 32-byte framing and no RPC layer. A pending table keyed by request id (the id's low bits are
/// the caller's slot), a single write loop draining a channel of calls and flushing once per
/// batch, and a read loop completing the calls.
/// </summary>
internal sealed class RawConnection : IAsyncDisposable
{
    /// <summary>Request ids carry the caller's slot in their low bits.</summary>
    public const int SlotBits = 16;

    private const long SlotMask = (1L << SlotBits) - 1;
    private const int MaxFrameSize = 8 * 1024 * 1024;
    private const int FlushThreshold = 64 * 1024;
    private static readonly byte[] s_serializer = FrameCodec.PadSerializerName("json");

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<RawCall> _outbox = Channel.CreateUnbounded<RawCall>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });

    private readonly RawCall?[] _slots = new RawCall?[1 << SlotBits];
    private readonly Task _reading;
    private readonly Task _writing;
    private volatile Exception? _closed;

    private RawConnection(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4096));
        _output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024));
        _reading = ReadLoopAsync();
        _writing = WriteLoopAsync();
    }

    public static async Task<RawConnection> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken).ConfigureAwait(false);
            return new RawConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Makes the reusable call of the caller in <paramref name="slot"/>.</summary>
    public RawCall Register(int slot, ReadOnlyMemory<byte> body)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slot, (int)SlotMask);
        if (_slots[slot] is not null)
        {
            throw new InvalidOperationException($"slot {slot} is taken.");
        }

        var call = new RawCall(this, slot, body);
        _slots[slot] = call;
        return call;
    }

    /// <summary>Queues <paramref name="call"/> for the write loop; false when the connection is closed.</summary>
    public bool Send(RawCall call) => _closed is null && _outbox.Writer.TryWrite(call);

    public Exception ClosedError() => new IOException("the raw connection is closed.", _closed);

    public async ValueTask DisposeAsync()
    {
        Close(new ObjectDisposedException(nameof(RawConnection)));
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _input.CancelPendingRead();
        try
        {
            await Task.WhenAll(_reading, _writing).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Disposing the stream below ends whatever is still stuck.
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ReadLoopAsync()
    {
        // Start on the thread pool, not inside the constructor.
        await Task.Yield();
        Exception reason = new IOException("the raw server closed the connection.");
        try
        {
            while (_closed is null)
            {
                var result = await _input.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                while (FrameCodec.TryParse(ref buffer, MaxFrameSize, out var header, out var body))
                {
                    if (header.Type == MessageType.Response && _slots[(int)(header.RequestId & SlotMask)] is { } call)
                    {
                        if (body.Length == call.Body.Length)
                        {
                            call.TryComplete(header.RequestId, (int)body.Length);
                        }
                        else
                        {
                            call.TryFail(header.RequestId, new InvalidDataException($"the echo of a {call.Body.Length}-byte body had {body.Length} bytes."));
                        }
                    }
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception e)
        {
            reason = e;
        }
        finally
        {
            Close(reason);
            await _input.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task WriteLoopAsync()
    {
        await Task.Yield();
        var reader = _outbox.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var pending = 0;
                while (reader.TryRead(out var call))
                {
                    var id = call.PendingId;
                    if (id == 0)
                    {
                        continue;
                    }

                    var body = call.Body.Span;
                    FrameCodec.WriteHeader(_output.GetSpan(RpcHeader.Size), MessageType.Request, RpcHeader.StatusFailure, id, s_serializer, body.Length);
                    _output.Advance(RpcHeader.Size);
                    _output.Write(body);
                    pending += RpcHeader.Size + body.Length;
                    if (pending >= FlushThreshold)
                    {
                        pending = 0;
                        await _output.FlushAsync().ConfigureAwait(false);
                    }
                }

                if (pending > 0)
                {
                    await _output.FlushAsync().ConfigureAwait(false);
                }
            }
        }
        catch (Exception e)
        {
            Close(e);
        }
        finally
        {
            await _output.CompleteAsync().ConfigureAwait(false);
        }
    }

    private void Close(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _closed, reason, null) is not null)
        {
            return;
        }

        _outbox.Writer.TryComplete();
        var error = ClosedError();
        foreach (var call in _slots)
        {
            call?.TryFail(call.PendingId, error);
        }
    }
}
