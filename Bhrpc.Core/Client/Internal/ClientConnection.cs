using System.Buffers;
using System.Collections.Concurrent;
using Bhrpc.Cluster;
using Bhrpc.Codec;
using Bhrpc.Internal;
using Bhrpc.Protocol;
using Bhrpc.Serialization;
using Bhrpc.Transport;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Client.Internal;

/// <summary>
/// The consumer's side of one multiplexed, pipelined connection to a provider: any number of
/// calls in flight, keyed by request id; responses complete them in any order. Its reads and
/// writes run on two threads of its own (<see cref="ClientSocket"/>), never on the thread pool.
/// When the provider says it is going away (it is stopping) the connection takes no new calls and
/// closes once the calls it carries are answered.
/// </summary>
internal sealed partial class ClientConnection : FrameConnection
{
    private readonly PendingTable _pending = new();
    private readonly ConcurrentDictionary<PendingCall, byte> _awaitingOpen = new();
    private readonly SerializerSet _serializers;
    private readonly SerializerEntry _pingSerializer;
    private readonly Action<ClientConnection> _onClosed;
    private readonly ClientSocket _socket;
    private readonly TaskCompletionSource<bool> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextRequestId;
    private volatile bool _goingAway;

    public ClientConnection(
        ClientSocket socket,
        string address,
        SerializerSet serializers,
        SerializerEntry pingSerializer,
        ProviderStats stats,
        int maxFrameSize,
        TimeProvider timeProvider,
        ILogger logger,
        Action<ClientConnection> onClosed)
        : base(socket.Input, socket.Outbox, socket.Dispose, address, maxFrameSize, timeProvider, logger)
    {
        _socket = socket;
        _serializers = serializers;
        _pingSerializer = pingSerializer;
        Stats = stats;
        _onClosed = onClosed;
    }

    /// <summary>The statistics of the provider address, shared with the references.</summary>
    public ProviderStats Stats { get; }

    /// <summary>Whether the provider sent the going-away frame on this connection: it takes no new calls.</summary>
    public bool IsGoingAway => _goingAway;

    /// <summary>Completes with true once the socket is connected, or with false when the connection closed before that.</summary>
    public Task<bool> Opened => _opened.Task;

    /// <summary>The clock that deadlines are measured on.</summary>
    public TimeProvider Clock => TimeProvider;

    /// <summary>Calls waiting for a response.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Whether the socket ever connected: when not, no request on it reached the provider.</summary>
    public bool WasConnected => _socket.WasConnected;

    public long NextRequestId() => Interlocked.Increment(ref _nextRequestId);

    /// <summary>Starts the read loop, the send thread and the receive thread (which connects); returns at once.</summary>
    public void Start()
    {
        // The loops serve every caller of the connection: they take on no caller's execution context.
        using (ExecutionContext.SuppressFlow())
        {
            _ = RunAsync();
        }

        _socket.Start(OnOpened);
    }

    /// <summary>
    /// Completes a oneway call whose request is queued: at once on an open connection; on one still
    /// opening, when it opens, or with the reason it could not.
    /// </summary>
    public void CompleteWhenOpen(PendingCall call)
    {
        if (_socket.WasConnected)
        {
            call.TrySetResult(null);
            return;
        }

        _awaitingOpen[call] = 0;

        // Checked after adding: the receive thread sets the connected flag before it completes the waiting
        // calls, and the close sets the closing flag before it fails them; whoever removes the entry completes it.
        if (_socket.WasConnected && _awaitingOpen.TryRemove(call, out _))
        {
            call.TrySetResult(null);
        }
        else if (IsClosing && _awaitingOpen.TryRemove(call, out _))
        {
            call.TrySetException(ClosedError(call));
        }
    }

    /// <summary>Adds a pending call; throws <see cref="RpcStatusCode.ConnectionClosed"/> when the connection is closing.</summary>
    public void AddPending(long requestId, PendingCall call)
    {
        _pending.Add(requestId, call);

        // Checked after adding: OnClosed sets the closing flag before it fails what is pending, so a call is
        // either seen by OnClosed or sees the flag here. Going away likewise: the flag is set before the
        // connection looks for an empty pending table to close on.
        if (IsClosing)
        {
            _pending.TryRemove(requestId, out _);
            throw ClosedError(call);
        }

        if (_goingAway)
        {
            _pending.TryRemove(requestId, out _);
            CloseIfDrained();
            throw new RpcException(RpcStatusCode.ConnectionClosed, $"{call.Context}: the call was not sent: {RemoteAddress} said it is going away (the provider is stopping).");
        }
    }

    /// <summary>Fails and removes every pending call whose deadline is at or before <paramref name="now"/>.</summary>
    public void ExpireOverdue(long now)
    {
        if (_pending.IsEmpty)
        {
            return;
        }

        foreach (var call in _pending.Snapshot())
        {
            if (call.Deadline <= now && _pending.TryRemove(call.RequestId, out _))
            {
                // Removed first, so a late response is dropped and nothing leaks.
                call.TrySetException(call.TimedOut());
            }
        }

        CloseIfDrained();
    }

    public bool RemovePending(long requestId)
    {
        var removed = _pending.TryRemove(requestId, out _);
        CloseIfDrained();
        return removed;
    }

    /// <summary>Sends a consumer ping (type 3).</summary>
    public void Ping()
        => TrySend(Heartbeats.Build(MessageType.HeartbeatFromConsumer, NextRequestId(), _pingSerializer, _pingSerializer.PaddedName, MaxFrameSize));

    public RpcException ClosedError(PendingCall call) => CloseReason is { } reason
        ? new(RpcStatusCode.ConnectionClosed, $"{call.Context}: the call was not sent: {reason.Message}", reason)
        : new(RpcStatusCode.ConnectionClosed, $"{call.Context}: the connection to {RemoteAddress} is closed; the call was not sent.");

    protected override void OnFrame(in RpcHeader header, in ReadOnlySequence<byte> body)
    {
        switch (header.Type)
        {
            case MessageType.Response:
                Complete(header, body);
                CloseIfDrained();
                break;
            case MessageType.GoingAway:
                OnGoingAway();
                break;
            case MessageType.HeartbeatFromProvider:
                Pong(header);
                break;
            case MessageType.HeartbeatToConsumer:
                // The answer to our ping: reading it already counted as activity.
                break;
            default:
                Log.SkippedFrame(Logger, (byte)header.Type, RemoteAddress);
                break;
        }
    }

    protected override void OnClosed(Exception reason)
    {
        _socket.Dispose();
        var connected = _socket.WasConnected;

        // The pool first: it forgets the connection and ejects an address that could not be connected to, so that
        // a caller retrying the calls failed below already sees that address skipped.
        _onClosed(this);
        _opened.TrySetResult(false);
        foreach (var pending in _pending.Snapshot())
        {
            if (_pending.TryRemove(pending.RequestId, out var call))
            {
                call.TrySetException(new RpcException(
                    RpcStatusCode.ConnectionClosed,
                    connected
                        ? $"{call.Context}: the connection closed before the response arrived ({reason.Message})"
                        : $"{call.Context}: the call was not sent: {reason.Message}",
                    reason));
            }
        }

        foreach (var call in _awaitingOpen.Keys)
        {
            if (_awaitingOpen.TryRemove(call, out _))
            {
                call.TrySetException(new RpcException(RpcStatusCode.ConnectionClosed, $"{call.Context}: the call was not sent: {reason.Message}", reason));
            }
        }
    }

    /// <summary>
    /// On the read loop: the provider is stopping. Load balancers skip its address from now on, this connection takes
    /// no new calls (the pool opens another if one is still asked for), and it closes once what it carries is answered.
    /// </summary>
    private void OnGoingAway()
    {
        if (_goingAway)
        {
            return;
        }

        _goingAway = true;
        Stats.SetGoingAway(true);
        Log.GoingAway(Logger, RemoteAddress, _pending.Count);
        CloseIfDrained();
    }

    /// <summary>Closes a going-away connection that has no call left waiting for a response.</summary>
    private void CloseIfDrained()
    {
        if (_goingAway && _pending.IsEmpty && !IsClosing)
        {
            CloseGracefully(new RpcException(RpcStatusCode.ConnectionClosed, $"{RemoteAddress} said it is going away (the provider is stopping); its connection closed once its calls were answered."));
        }
    }

    /// <summary>On the receive thread, once connected: the oneway calls queued meanwhile are sent now.</summary>
    private void OnOpened()
    {
        // A new connection that opens means the provider is (again) taking calls: one that restarted on the same
        // address after it said it was going away is picked again.
        Stats.SetGoingAway(false);
        _opened.TrySetResult(true);
        foreach (var call in _awaitingOpen.Keys)
        {
            if (_awaitingOpen.TryRemove(call, out _))
            {
                call.TrySetResult(null);
            }
        }
    }

    private void Complete(in RpcHeader header, in ReadOnlySequence<byte> body)
    {
        if (!_pending.TryRemove(header.RequestId, out var call))
        {
            // Timed out already (its entry was removed), or a response we never asked for.
            Log.UnmatchedResponse(Logger, header.RequestId, RemoteAddress);
            return;
        }

        var serializer = _serializers.Find(header.Serializer);
        if (serializer is null)
        {
            call.TrySetException(new RpcException(RpcStatusCode.Serialization, $"{call.Context}: the response is in serializer '{header.Serializer}', which this client does not know; known: {_serializers.Known}."));
            return;
        }

        try
        {
            var response = serializer.Serializer.ReadResponse(body);
            if (response.Error is not null || header.Status != RpcHeader.StatusSuccess)
            {
                call.TrySetException(ErrorTypes.ToException(response.Error, response.ErrorType, call.Context, MaxFrameSize));
            }
            else
            {
                call.ResponseAttachments = response.Attachments;
                call.TrySetResult(response.ReadResult(call.ResultType));
            }
        }
        catch (Exception e)
        {
            call.TrySetException(new RpcException(RpcStatusCode.Serialization, $"{call.Context}: the response could not be decoded with '{serializer.Name}': {e.Message}", e));
        }
    }

    private void Pong(in RpcHeader ping)
    {
        if (Heartbeats.Pong(ping, MessageType.HeartbeatToProvider, _serializers, MaxFrameSize) is { } pong)
        {
            TrySend(pong);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.ClientConnection + 0, LogLevel.Debug, "Skipped a frame of unknown type {Type} from {Remote}")]
        public static partial void SkippedFrame(ILogger logger, byte type, string remote);

        [LoggerMessage(LogEventIds.ClientConnection + 1, LogLevel.Debug, "Dropped response {RequestId} from {Remote}: no call is waiting for it")]
        public static partial void UnmatchedResponse(ILogger logger, long requestId, string remote);

        [LoggerMessage(LogEventIds.ClientConnection + 2, LogLevel.Information, "{Remote} is going away (the provider is stopping): no new calls go to it; its connection closes once its {Pending} pending calls are answered")]
        public static partial void GoingAway(ILogger logger, string remote, int pending);
    }
}
