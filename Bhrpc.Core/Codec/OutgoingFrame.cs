using System.Buffers;

namespace Bhrpc.Codec;

/// <summary>A whole frame in a rented buffer, ready to be written; the writer returns the buffer.</summary>
internal readonly struct OutgoingFrame(byte[] buffer, int length)
{
    public ReadOnlySpan<byte> Span => buffer.AsSpan(0, length);

    public int Length => length;

    public void Return() => ArrayPool<byte>.Shared.Return(buffer);
}
