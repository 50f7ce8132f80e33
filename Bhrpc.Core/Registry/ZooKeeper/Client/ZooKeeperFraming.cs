using System.Buffers;
using System.Buffers.Binary;

namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>Splits the server's byte stream into packets: a big-endian int length, then that many bytes.</summary>
internal static class ZooKeeperFraming
{
    /// <summary>
    /// The largest packet accepted: well above the server's own limit (<c>jute.maxbuffer</c>, 1 MiB by
    /// default), so only a corrupt stream reaches it.
    /// </summary>
    public const int MaxPacketLength = 16 * 1024 * 1024;

    /// <summary>Takes one whole packet (without its length) off the front of <paramref name="buffer"/>.</summary>
    /// <exception cref="InvalidDataException">The length is negative or above <see cref="MaxPacketLength"/>.</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> packet)
    {
        packet = default;
        if (buffer.Length < 4)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
        if (length is < 0 or > MaxPacketLength)
        {
            throw new InvalidDataException($"the ZooKeeper server sent a packet of {length} bytes; expected 0..{MaxPacketLength}.");
        }

        if (buffer.Length - 4 < length)
        {
            return false;
        }

        packet = buffer.Slice(4, length);
        buffer = buffer.Slice(packet.End);
        return true;
    }
}
