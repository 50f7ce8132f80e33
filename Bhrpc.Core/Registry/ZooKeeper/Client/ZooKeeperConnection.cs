using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>
/// One TCP connection to one server, after its handshake: sends requests, matches replies to them by
/// xid (many may be outstanding), pings, and notices a dead link (no packet for two thirds of the
/// session timeout). When it ends, every request still waiting fails with
/// <see cref="ZooKeeperErrorCode.ConnectionLoss"/> and <see cref="Completion"/> completes; it is never reused.
/// </summary>
internal sealed class ZooKeeperConnection
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Dictionary<int, ZooKeeperPendingRequest> _pending = [];
    private readonly CancellationTokenSource _closed = new();
    private readonly TaskCompletionSource<Exception> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IZooKeeperConnectionOwner? _owner;
    private long _lastReceived;
    private bool _isClosed;

    private ZooKeeperConnection(Socket socket, string server, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _input = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        _time = time;
        _logger = logger;
        Server = server;
        _lastReceived = time.GetTimestamp();
    }

    /// <summary>The server, <c>host:port</c>.</summary>
    public string Server { get; }

    /// <summary>Completes, with the reason, when the connection has ended.</summary>
    public Task<Exception> Completion => _completion.Task;

    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/>, sends the connect request and reads the server's answer.</summary>
    public static async Task<(ZooKeeperConnection Connection, ZooKeeperSessionGrant Grant)> OpenAsync(
        string host,
        int port,
        Action<JuteWriter> writeConnectRequest,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        ZooKeeperConnection? connection = null;
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            connection = new ZooKeeperConnection(socket, $"{host}:{port}", time, logger);
            using (var writer = new JuteWriter())
            {
                writeConnectRequest(writer);
                await connection._stream.WriteAsync(writer.Packet, cancellationToken).ConfigureAwait(false);
            }

            var grant = await connection.ReadHandshakeAsync(cancellationToken).ConfigureAwait(false);
            return (connection, grant);
        }
        catch (Exception e)
        {
            if (connection is null)
            {
                socket.Dispose();
            }
            else
            {
                connection.Abort(e);
            }

            throw;
        }
    }

    /// <summary>Starts reading replies and pinging every third of <paramref name="sessionTimeout"/>.</summary>
    public void Start(IZooKeeperConnectionOwner owner, TimeSpan sessionTimeout)
    {
        _owner = owner;
        _ = ReadLoopAsync();
        _ = PingLoopAsync(sessionTimeout);
    }

    /// <summary>Sends a numbered request and waits for its reply.</summary>
    /// <exception cref="ZooKeeperException">The connection ended before the reply (<see cref="ZooKeeperErrorCode.ConnectionLoss"/>).</exception>
    public async Task<ZooKeeperReply> SendAsync(int xid, ZooKeeperOpCode op, string? path, Action<JuteWriter>? writeBody, IZooKeeperWatcher? watcher, CancellationToken cancellationToken)
    {
        var pending = new ZooKeeperPendingRequest(op, path, watcher);
        using var writer = new JuteWriter();
        writer.WriteInt32(xid);
        writer.WriteInt32((int)op);
        writeBody?.Invoke(writer);
        lock (_gate)
        {
            if (_isClosed)
            {
                throw Lost(op, path, null);
            }

            _pending.Add(xid, pending);
        }

        // A failed write ends the connection, which fails the pending request too.
        await WritePacketAsync(writer.Packet).ConfigureAwait(false);
        return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a packet with a reserved xid (ping, set-watches) whose answer nobody waits for.</summary>
    public async Task SendUntrackedAsync(int xid, ZooKeeperOpCode op, Action<JuteWriter>? writeBody)
    {
        using var writer = new JuteWriter();
        writer.WriteInt32(xid);
        writer.WriteInt32((int)op);
        writeBody?.Invoke(writer);
        await WritePacketAsync(writer.Packet).ConfigureAwait(false);
    }

    /// <summary>Ends the connection at once (no close-session request): the socket is closed and waiting requests fail.</summary>
    public void Abort(Exception reason)
    {
        List<(ZooKeeperPendingRequest Request, ZooKeeperException Error)> failed;
        lock (_gate)
        {
            if (_isClosed)
            {
                return;
            }

            _isClosed = true;
            failed = [.. _pending.Values.Select(p => (p, Lost(p.Op, p.Path, reason)))];
            _pending.Clear();
        }

        _closed.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer.
        }

        _socket.Dispose();
        foreach (var (request, error) in failed)
        {
            request.Completion.TrySetException(error);
        }

        _completion.TrySetResult(reason);
    }

    private ZooKeeperException Lost(ZooKeeperOpCode op, string? path, Exception? reason)
    {
        var what = path is null ? op.ToString() : $"{op} '{path}'";
        var why = reason is null ? "it is closed" : reason.Message;
        return new ZooKeeperException(ZooKeeperErrorCode.ConnectionLoss, path, $"lost the connection to ZooKeeper server {Server} before the reply to {what}: {why}", reason);
    }

    private async Task WritePacketAsync(ReadOnlyMemory<byte> packet)
    {
        try
        {
            // Only the connection's own end cancels a write: a write cut in half would corrupt the stream.
            await _writeLock.WaitAsync(_closed.Token).ConfigureAwait(false);
            try
            {
                await _stream.WriteAsync(packet, _closed.Token).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (Exception e)
        {
            Abort(e);
        }
    }

    private async Task<ZooKeeperSessionGrant> ReadHandshakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                if (ZooKeeperFraming.TryRead(ref buffer, out var packet))
                {
                    return ZooKeeperHandshake.ReadResponse(packet.ToArray());
                }

                if (result.IsCompleted)
                {
                    throw new IOException($"ZooKeeper server {Server} closed the connection before answering the connect request.");
                }
            }
            finally
            {
                _input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(_closed.Token).ConfigureAwait(false);
                Volatile.Write(ref _lastReceived, _time.GetTimestamp());
                var buffer = result.Buffer;
                try
                {
                    while (ZooKeeperFraming.TryRead(ref buffer, out var packet))
                    {
                        Dispatch(packet);
                    }

                    if (result.IsCompleted)
                    {
                        Abort(new IOException($"ZooKeeper server {Server} closed the connection."));
                        return;
                    }
                }
                finally
                {
                    _input.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
        catch (Exception e)
        {
            Abort(e);
        }
        finally
        {
            await _input.CompleteAsync().ConfigureAwait(false);
        }
    }

    private void Dispatch(in ReadOnlySequence<byte> packet)
    {
        if (packet.IsSingleSegment)
        {
            Handle(packet.FirstSpan);
            return;
        }

        var length = (int)packet.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            packet.CopyTo(rented);
            Handle(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void Handle(ReadOnlySpan<byte> packet)
    {
        var reader = new JuteReader(packet);
        var xid = reader.ReadInt32();
        var zxid = reader.ReadInt64();
        var error = (ZooKeeperErrorCode)reader.ReadInt32();
        switch (xid)
        {
            case ZooKeeperXid.Notification:
                var type = (ZooKeeperEventType)reader.ReadInt32();
                var state = reader.ReadInt32();
                var path = reader.ReadString() ?? string.Empty;
                _owner!.OnNotification(new ZooKeeperWatchedEvent(type, state, path));
                return;
            case ZooKeeperXid.Ping:
            case ZooKeeperXid.Auth:
                return;
            case ZooKeeperXid.SetWatches:
                if (error != ZooKeeperErrorCode.Ok)
                {
                    ZooKeeperClientLog.SetWatchesFailed(_logger, Server, error);
                }

                return;
        }

        ZooKeeperPendingRequest? pending;
        lock (_gate)
        {
            _pending.Remove(xid, out pending);
        }

        if (pending is null)
        {
            throw new InvalidDataException($"ZooKeeper server {Server} answered xid {xid}, which no request waits for.");
        }

        if (zxid > 0)
        {
            _owner!.OnZxid(zxid);
        }

        // Record the watch before anything after this reply is read: its notification may be next.
        if (pending.Watcher is not null && pending.Path is not null)
        {
            _owner!.OnWatchReply(pending.Op, error, pending.Path, pending.Watcher);
        }

        pending.Completion.TrySetResult(new ZooKeeperReply(zxid, error, reader.Rest.ToArray()));
    }

    private async Task PingLoopAsync(TimeSpan sessionTimeout)
    {
        // As ZooKeeper's own client: ping every third of the session timeout, give up on a server
        // silent for two thirds, which leaves a third to reach another server before the session expires.
        var interval = sessionTimeout / 3;
        var readTimeout = sessionTimeout * 2 / 3;
        try
        {
            while (true)
            {
                await Task.Delay(interval, _time, _closed.Token).ConfigureAwait(false);
                var silent = _time.GetElapsedTime(Volatile.Read(ref _lastReceived));
                if (silent > readTimeout)
                {
                    Abort(new TimeoutException($"ZooKeeper server {Server} sent nothing for {silent.TotalMilliseconds:F0} ms (read timeout {readTimeout.TotalMilliseconds:F0} ms)."));
                    return;
                }

                await SendUntrackedAsync(ZooKeeperXid.Ping, ZooKeeperOpCode.Ping, null).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
    }
}
