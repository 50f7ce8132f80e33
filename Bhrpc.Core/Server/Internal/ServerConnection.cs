using System.Buffers;
using System.IO.Pipelines;
using Bhrpc.Codec;
using Bhrpc.Internal;
using Bhrpc.Protocol;
using Bhrpc.Transport;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Server.Internal;

/// <summary>The provider's side of one connection: requests go to the dispatcher, consumer pings are answered.</summary>
internal sealed partial class ServerConnection : FrameConnection
{
    private readonly ServiceDispatcher _dispatcher;
    // Never disposed: it has no timer, and a call may still read its token after the connection closed.
    private readonly CancellationTokenSource _closed = new();
    private long _nextPingId;
    private int _wentAway;

    public ServerConnection(ServiceDispatcher dispatcher, PipeReader input, PipeWriter output, Action abortTransport, string remoteAddress, int maxFrameSize, TimeProvider timeProvider, ILogger logger)
        : base(input, output, abortTransport, remoteAddress, maxFrameSize, timeProvider, logger)
    {
        _dispatcher = dispatcher;
    }

    /// <summary>Fires when the connection has closed: the tokens of the calls it carries are linked to it.</summary>
    public CancellationToken ClosedToken => _closed.Token;

    /// <summary>
    /// Sends <see cref="MessageType.GoingAway"/> (type 7, empty body, the server's serializer name like a ping) once:
    /// the provider is stopping, a consumer should send new calls elsewhere. Java bhrpc's decoder consumes a frame
    /// of unknown type and drops it silently (bhrpc-java.md 2.1, "Decoder behaviour"), so Java consumers are safe.
    /// </summary>
    public void GoAway()
    {
        if (Interlocked.Exchange(ref _wentAway, 1) != 0)
        {
            return;
        }

        var builder = FrameBuilder.Rent(MaxFrameSize);
        TrySend(builder.Complete(MessageType.GoingAway, RpcHeader.StatusSuccess, 0, _dispatcher.DefaultSerializer.PaddedName));
    }

    /// <summary>Sends a provider ping (type 5).</summary>
    public void Ping()
    {
        var serializer = _dispatcher.DefaultSerializer;
        TrySend(Heartbeats.Build(MessageType.HeartbeatFromProvider, Interlocked.Increment(ref _nextPingId), serializer, serializer.PaddedName, MaxFrameSize));
    }

    protected override void OnFrame(in RpcHeader header, in ReadOnlySequence<byte> body)
    {
        switch (header.Type)
        {
            case MessageType.Request:
                _dispatcher.Dispatch(this, header, body);
                break;
            case MessageType.HeartbeatFromConsumer:
                Pong(header);
                break;
            case MessageType.HeartbeatToProvider:
                // The answer to our ping: reading it already counted as activity.
                break;
            default:
                Log.SkippedFrame(Logger, (byte)header.Type, RemoteAddress);
                break;
        }
    }

    protected override bool OnOversizedFrame(in RpcHeader header)
    {
        if (header.Type == MessageType.Request)
        {
            // The caller hears at once that this call failed; its body is discarded as it arrives.
            _dispatcher.RejectOversized(this, header);
        }
        else
        {
            Log.SkippedOversizedFrame(Logger, (byte)header.Type, header.BodyLength, MaxFrameSize, RemoteAddress);
        }

        return true;
    }

    protected override void OnClosed(Exception reason)
    {
        // The tokens of calls still running on this connection fire: their caller can no longer hear the answer.
        try
        {
            _closed.Cancel();
        }
        catch (AggregateException e)
        {
            Log.TokenCallbackFailed(Logger, RemoteAddress, e);
        }
    }

    private void Pong(in RpcHeader ping)
    {
        if (Heartbeats.Pong(ping, MessageType.HeartbeatToConsumer, _dispatcher.Serializers, MaxFrameSize) is { } pong)
        {
            TrySend(pong);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.ServerConnection + 0, LogLevel.Debug, "Skipped a frame of unknown type {Type} from {Remote}")]
        public static partial void SkippedFrame(ILogger logger, byte type, string remote);

        [LoggerMessage(LogEventIds.ServerConnection + 1, LogLevel.Warning, "Skipped a frame of type {Type} from {Remote}: its body of {Length} bytes is over ServerOptions.MaxFrameSize ({Limit} bytes)")]
        public static partial void SkippedOversizedFrame(ILogger logger, byte type, int length, int limit, string remote);

        [LoggerMessage(LogEventIds.ServerConnection + 2, LogLevel.Warning, "A callback registered on a call's cancellation token threw when the connection from {Remote} closed")]
        public static partial void TokenCallbackFailed(ILogger logger, string remote, Exception exception);
    }
}
