namespace Bhrpc.Protocol;

/// <summary>
/// The fixed 32-byte frame header: magic, message type, status, request id, serializer name,
/// body length. All integers are big-endian.
/// </summary>
/// <param name="Type">The message type; unknown values are carried as-is.</param>
/// <param name="Status">0 success, 1 failure (requests carry 1, as Java does).</param>
/// <param name="RequestId">Unique per connection direction; responses and pongs echo it.</param>
/// <param name="Serializer">The serializer name without its <c>'0'</c> padding.</param>
/// <param name="BodyLength">The body length in bytes.</param>
public readonly record struct RpcHeader(MessageType Type, byte Status, long RequestId, string Serializer, int BodyLength)
{
    /// <summary>The header size in bytes.</summary>
    public const int Size = 32;

    /// <summary>The magic number, <c>0x0010</c>.</summary>
    public const ushort Magic = 0x0010;

    /// <summary>Size of the serializer-name field.</summary>
    public const int SerializerFieldSize = 16;

    /// <summary>The status of a successful response.</summary>
    public const byte StatusSuccess = 0;

    /// <summary>The status of a failed response, and of every request.</summary>
    public const byte StatusFailure = 1;
}
