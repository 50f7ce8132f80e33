using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Bhrpc.Protocol;

namespace Bhrpc.Codec;

/// <summary>
/// Reads and writes frames (PROTOCOL.md): a 32-byte big-endian header and a body. Parsing never
/// copies the body and checks the body length against the limit before waiting for the body.
/// A receiver that skips oversized frames (<see cref="TryParseOrSkip"/>) still closes the
/// connection for a length over <see cref="SkipFactor"/> times its limit.
/// </summary>
internal static class FrameCodec
{
    /// <summary>
    /// How many times <c>MaxFrameSize</c> an oversized body may announce and still be skipped
    /// (see <see cref="TryParseOrSkip"/>); a longer one closes the connection.
    /// </summary>
    public const int SkipFactor = 4;

    /// <summary>
    /// Takes one whole frame off the front of <paramref name="buffer"/>. Returns false, leaving
    /// <paramref name="buffer"/> as it was, when the frame is not complete yet.
    /// </summary>
    /// <exception cref="RpcException">Wrong magic (<see cref="RpcStatusCode.ProtocolError"/>) or a body length below 0 or above <paramref name="maxFrameSize"/> (<see cref="RpcStatusCode.FrameTooLarge"/>); the connection must be closed.</exception>
    public static bool TryParse(ref ReadOnlySequence<byte> buffer, int maxFrameSize, out RpcHeader header, out ReadOnlySequence<byte> body)
        => Parse(ref buffer, maxFrameSize, maxFrameSize, out header, out body) == FrameParse.Frame;

    /// <summary>
    /// As <see cref="TryParse"/>, except that a body over <paramref name="maxFrameSize"/> but at most
    /// <see cref="SkipFactor"/> times it is not an error: the header is taken off and
    /// <see cref="FrameParse.Oversized"/> returned without waiting for the body, which the caller
    /// discards (<see cref="RpcHeader.BodyLength"/> bytes) as it arrives.
    /// </summary>
    /// <exception cref="RpcException">Wrong magic (<see cref="RpcStatusCode.ProtocolError"/>), a negative body length, or one over <see cref="SkipFactor"/> times <paramref name="maxFrameSize"/> (<see cref="RpcStatusCode.FrameTooLarge"/>); the connection must be closed.</exception>
    public static FrameParse TryParseOrSkip(ref ReadOnlySequence<byte> buffer, int maxFrameSize, out RpcHeader header, out ReadOnlySequence<byte> body)
        => Parse(ref buffer, maxFrameSize, SkipLimit(maxFrameSize), out header, out body);

    /// <summary>The longest body <see cref="TryParseOrSkip"/> skips for <paramref name="maxFrameSize"/>.</summary>
    public static long SkipLimit(int maxFrameSize) => (long)maxFrameSize * SkipFactor;

    /// <summary>The error for a body over the limit that is not skipped; the connection closes.</summary>
    public static RpcException TooLarge(long length, int maxFrameSize)
        => new(RpcStatusCode.FrameTooLarge, $"frame body of {length} bytes exceeds the limit of {maxFrameSize} bytes; raise MaxFrameSize on both sides to allow it.");

    /// <summary>Reads and checks a header.</summary>
    public static RpcHeader ReadHeader(ReadOnlySpan<byte> bytes, int maxFrameSize) => ReadHeader(bytes, maxFrameSize, maxFrameSize);

    private static FrameParse Parse(ref ReadOnlySequence<byte> buffer, int maxFrameSize, long skipLimit, out RpcHeader header, out ReadOnlySequence<byte> body)
    {
        if (buffer.Length < RpcHeader.Size)
        {
            header = default;
            body = default;
            return FrameParse.Incomplete;
        }

        Span<byte> scratch = stackalloc byte[RpcHeader.Size];
        scoped ReadOnlySpan<byte> bytes;
        if (buffer.FirstSpan.Length >= RpcHeader.Size)
        {
            bytes = buffer.FirstSpan[..RpcHeader.Size];
        }
        else
        {
            buffer.Slice(0, RpcHeader.Size).CopyTo(scratch);
            bytes = scratch;
        }

        header = ReadHeader(bytes, maxFrameSize, skipLimit);
        if (header.BodyLength > maxFrameSize)
        {
            // Checked before the body: it is never waited for, let alone held.
            body = default;
            buffer = buffer.Slice(RpcHeader.Size);
            return FrameParse.Oversized;
        }

        long total = RpcHeader.Size + (long)header.BodyLength;
        if (buffer.Length < total)
        {
            body = default;
            return FrameParse.Incomplete;
        }

        body = buffer.Slice(RpcHeader.Size, header.BodyLength);
        buffer = buffer.Slice(total);
        return FrameParse.Frame;
    }

    private static RpcHeader ReadHeader(ReadOnlySpan<byte> bytes, int maxFrameSize, long skipLimit)
    {
        var magic = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        if (magic != RpcHeader.Magic)
        {
            throw new RpcException(RpcStatusCode.ProtocolError, $"bad frame: expected magic 0x{RpcHeader.Magic:X4}, got 0x{magic:X4}; the peer does not speak the bhrpc protocol.");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(bytes[28..]);
        if (length < 0)
        {
            throw new RpcException(RpcStatusCode.ProtocolError, $"bad frame: body length {length} is negative; expected 0..{maxFrameSize}.");
        }

        if (length > skipLimit)
        {
            throw skipLimit == maxFrameSize
                ? TooLarge(length, maxFrameSize)
                : new RpcException(
                    RpcStatusCode.FrameTooLarge,
                    $"frame body of {length} bytes is more than {SkipFactor} times the limit of {maxFrameSize} bytes, so it is not skipped: the connection is closed. Raise MaxFrameSize on both sides to allow such frames.");
        }

        return new RpcHeader(
            (MessageType)bytes[2],
            bytes[3],
            BinaryPrimitives.ReadInt64BigEndian(bytes[4..]),
            ReadSerializerName(bytes.Slice(12, RpcHeader.SerializerFieldSize)),
            length);
    }

    /// <summary>Writes a header into <paramref name="destination"/> (32 bytes).</summary>
    public static void WriteHeader(Span<byte> destination, MessageType type, byte status, long requestId, ReadOnlySpan<byte> paddedSerializer, int bodyLength)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, RpcHeader.Magic);
        destination[2] = (byte)type;
        destination[3] = status;
        BinaryPrimitives.WriteInt64BigEndian(destination[4..], requestId);
        paddedSerializer.CopyTo(destination.Slice(12, RpcHeader.SerializerFieldSize));
        BinaryPrimitives.WriteInt32BigEndian(destination[28..], bodyLength);
    }

    /// <summary>The 16-byte header field for a serializer name: ASCII, right-padded with <c>'0'</c>.</summary>
    public static byte[] PadSerializerName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > RpcHeader.SerializerFieldSize || name.EndsWith('0') || !name.All(char.IsAscii))
        {
            throw new ArgumentException($"serializer name '{name}' is invalid: expected 1..16 ASCII characters, not ending in '0'.", nameof(name));
        }

        var field = new byte[RpcHeader.SerializerFieldSize];
        field.AsSpan().Fill((byte)'0');
        Encoding.ASCII.GetBytes(name, field);
        return field;
    }

    /// <summary>Strips only the trailing <c>'0'</c> padding (Java bhrpc strips every <c>'0'</c>; that is a defect not copied).</summary>
    public static string ReadSerializerName(ReadOnlySpan<byte> field)
    {
        var end = field.Length;
        while (end > 0 && field[end - 1] == (byte)'0')
        {
            end--;
        }

        return SerializerNames.Get(field[..end]);
    }
}
