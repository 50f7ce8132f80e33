using System.Net.Sockets;
using Bhrpc.Codec;
using Bhrpc.Transport;

namespace Bhrpc.Client.Internal;

/// <summary>
/// The client's outbox: a thread of its own takes every queued frame at once, copies them into one
/// send buffer and writes it with a blocking send. Frames queued while the connection is still
/// opening wait until <see cref="Connected"/> hands over the socket. Nothing here needs a
/// thread-pool thread, so a process whose pool threads are all blocked in sync calls still sends.
/// </summary>
internal sealed class SocketFrameOutbox(string address) : FrameOutbox
{
    private const int SendBufferSize = 64 * 1024;

    private readonly object _gate = new();
    private readonly SemaphoreSlim _signal = new(0);

    // Completed without a hop: the connection's close continues on the send thread.
    private readonly TaskCompletionSource _stopped = new();
    private List<OutgoingFrame> _queued = [];
    private List<OutgoingFrame> _sending = [];
    private Socket? _socket;
    private bool _completed;
    private bool _aborted;
    private bool _waiting;

    /// <summary>The connection is open: queued frames go out on <paramref name="socket"/>.</summary>
    public void Connected(Socket socket)
    {
        lock (_gate)
        {
            _socket = socket;
            _signal.Release();
        }
    }

    public override bool TryAdd(OutgoingFrame frame)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return false;
            }

            _queued.Add(frame);
            if (!_waiting)
            {
                return true;
            }

            _waiting = false;
        }

        _signal.Release();
        return true;
    }

    public override void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            _signal.Release();
        }
    }

    public override Task RunAsync(CancellationToken abort)
    {
        abort.UnsafeRegister(static s => ((SocketFrameOutbox)s!).Abort(), this);
        var thread = new Thread(Run) { IsBackground = true, Name = "bhrpc send " + address };

        // The thread serves every caller of the connection: it takes on no caller's execution context.
        thread.UnsafeStart();
        return _stopped.Task;
    }

    public override void DropQueued()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var frame in _queued)
            {
                frame.Return();
            }

            _queued.Clear();
        }
    }

    public override ValueTask CloseAsync()
    {
        Socket? socket;
        lock (_gate)
        {
            socket = _aborted ? null : _socket;
        }

        try
        {
            // A graceful end: the peer reads everything sent, then the end of the stream.
            socket?.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already reset or closed: nothing more can be sent anyway.
        }

        return ValueTask.CompletedTask;
    }

    private void Abort()
    {
        lock (_gate)
        {
            _aborted = true;
            _signal.Release();
        }
    }

    private void Run()
    {
        var buffer = new byte[SendBufferSize];
        try
        {
            while (true)
            {
                Socket socket;
                while (true)
                {
                    lock (_gate)
                    {
                        if (_aborted || _completed || (_socket is not null && _queued.Count > 0))
                        {
                            _waiting = false;
                            break;
                        }

                        _waiting = true;
                    }

                    _signal.Wait();
                }

                lock (_gate)
                {

                    // Aborted; or completed with nothing (more) to send, or never connected.
                    if (_aborted || _socket is null || _queued.Count == 0)
                    {
                        break;
                    }

                    socket = _socket;
                    (_queued, _sending) = (_sending, _queued);
                }

                Send(socket, _sending, buffer);
            }

            _stopped.TrySetResult();
        }
        catch (Exception) when (Volatile.Read(ref _aborted))
        {
            // The abort tore the socket down under a send.
            _stopped.TrySetCanceled();
        }
        catch (Exception e)
        {
            _stopped.TrySetException(e);
        }
    }

    /// <summary>Writes a batch: small frames are gathered into one buffer, a frame larger than the buffer goes on its own.</summary>
    private static void Send(Socket socket, List<OutgoingFrame> batch, byte[] buffer)
    {
        try
        {
            var used = 0;
            foreach (var frame in batch)
            {
                var span = frame.Span;
                if (span.Length > buffer.Length - used)
                {
                    SendAll(socket, buffer.AsSpan(0, used));
                    used = 0;
                }

                if (span.Length > buffer.Length)
                {
                    SendAll(socket, span);
                }
                else
                {
                    span.CopyTo(buffer.AsSpan(used));
                    used += span.Length;
                }
            }

            SendAll(socket, buffer.AsSpan(0, used));
        }
        finally
        {
            foreach (var frame in batch)
            {
                frame.Return();
            }

            batch.Clear();
        }
    }

    private static void SendAll(Socket socket, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes[socket.Send(bytes)..];
        }
    }
}
