using Bhrpc.Codec;
using Bhrpc.Protocol;
using Bhrpc.Serialization;

namespace Bhrpc.Transport;

/// <summary>
/// Heartbeat frames. Bodies are opaque to readers; like Java bhrpc, consumer-sent heartbeats
/// (types 3 and 6) carry a request body and provider-sent ones (4 and 5) a response body, holding
/// the text <c>ping</c> or <c>pong</c>.
/// </summary>
internal static class Heartbeats
{
    /// <summary>
    /// The pong for <paramref name="ping"/>: same request id and serializer name. Its body is written only
    /// when that serializer is known here (Java bhrpc pings with protostuff, which .NET does not have).
    /// Null when the ping's serializer name cannot be written back.
    /// </summary>
    public static OutgoingFrame? Pong(in RpcHeader ping, MessageType pongType, SerializerSet serializers, int maxBody)
    {
        if (ping.Serializer.Length is 0 or > RpcHeader.SerializerFieldSize || !ping.Serializer.All(char.IsAscii))
        {
            return null;
        }

        var serializer = serializers.Find(ping.Serializer);
        return Build(pongType, ping.RequestId, serializer, serializer?.PaddedName ?? FrameCodec.PadSerializerName(ping.Serializer), maxBody);
    }

    public static OutgoingFrame Build(MessageType type, long requestId, SerializerEntry? serializer, byte[] paddedName, int maxBody)
    {
        var builder = FrameBuilder.Rent(maxBody);
        try
        {
            var text = type is MessageType.HeartbeatFromConsumer or MessageType.HeartbeatFromProvider ? "ping" : "pong";
            if (serializer is not null)
            {
                if (type is MessageType.HeartbeatFromConsumer or MessageType.HeartbeatToProvider)
                {
                    serializer.Serializer.WriteRequest(
                        new RpcRequest { ClassName = string.Empty, MethodName = string.Empty, ParameterTypes = [], Parameters = [text], ParameterClrTypes = [typeof(string)] },
                        builder);
                }
                else
                {
                    serializer.Serializer.WriteResponse(new RpcResponse { Result = text, ResultClrType = typeof(string) }, builder);
                }
            }

            var status = type is MessageType.HeartbeatToConsumer or MessageType.HeartbeatToProvider ? RpcHeader.StatusSuccess : RpcHeader.StatusFailure;
            return builder.Complete(type, status, requestId, paddedName);
        }
        catch
        {
            builder.Abandon();
            throw;
        }
    }
}
