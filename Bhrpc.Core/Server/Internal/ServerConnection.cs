using System.Buffers;
using System.IO.Pipelines;
using Bhrpc.Codec;
using Bhrpc.Protocol;
using Bhrpc.Transport;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Server.Internal;

/// <summary>The provider's side of one connection: requests go to the dispatcher, consumer pings are answered.</summary>
internal sealed partial class ServerConnection : FrameConnection
{
    private readonly ServiceDispatcher _dispatcher;
    private long _nextPingId;

    public ServerConnection(ServiceDispatcher dispatcher, PipeReader input, PipeWriter output, Action abortTransport, string remoteAddress, int maxFrameSize, TimeProvider timeProvider, ILogger logger)
        : base(input, output, abortTransport, remoteAddress, maxFrameSize, timeProvider, logger)
    {
        _dispatcher = dispatcher;
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

    private void Pong(in RpcHeader ping)
    {
        if (Heartbeats.Pong(ping, MessageType.HeartbeatToConsumer, _dispatcher.Serializers, MaxFrameSize) is { } pong)
        {
            TrySend(pong);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Debug, "Skipped a frame of unknown type {Type} from {Remote}")]
        public static partial void SkippedFrame(ILogger logger, byte type, string remote);

        [LoggerMessage(11, LogLevel.Warning, "Skipped a frame of type {Type} from {Remote}: its body of {Length} bytes is over ServerOptions.MaxFrameSize ({Limit} bytes)")]
        public static partial void SkippedOversizedFrame(ILogger logger, byte type, int length, int limit, string remote);
    }
}
