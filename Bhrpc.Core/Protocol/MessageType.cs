namespace Bhrpc.Protocol;

/// <summary>The message type byte at header offset 2 (PROTOCOL.md).</summary>
public enum MessageType : byte
{
    /// <summary>A call, consumer to provider.</summary>
    Request = 1,

    /// <summary>A call's result, provider to consumer.</summary>
    Response = 2,

    /// <summary>Ping sent by the consumer.</summary>
    HeartbeatFromConsumer = 3,

    /// <summary>Pong answering a consumer ping.</summary>
    HeartbeatToConsumer = 4,

    /// <summary>Ping sent by the provider.</summary>
    HeartbeatFromProvider = 5,

    /// <summary>Pong answering a provider ping.</summary>
    HeartbeatToProvider = 6,

    /// <summary>
    /// bhrpc.NET only, provider to consumer, empty body: the provider is stopping; it still answers what it has,
    /// but new calls should go to another provider. Java bhrpc's decoder drops a frame of unknown type silently.
    /// </summary>
    GoingAway = 7,
}
