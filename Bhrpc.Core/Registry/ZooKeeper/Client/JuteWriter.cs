using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>
/// Builds one length-prefixed packet in jute's encoding (big-endian integers, strings and buffers as an
/// int length then the bytes, -1 for null) into a pooled buffer. Dispose returns the buffer.
/// </summary>
internal sealed class JuteWriter : IDisposable
{
    private const int PrefixLength = 4;
    private byte[] _buffer;
    private int _length = PrefixLength;

    public JuteWriter(int capacity = 256)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 64));
    }

    /// <summary>The packet: the length prefix (filled in here) and everything written.</summary>
    public ReadOnlyMemory<byte> Packet
    {
        get
        {
            BinaryPrimitives.WriteInt32BigEndian(_buffer, _length - PrefixLength);
            return _buffer.AsMemory(0, _length);
        }
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);
    }

    public void WriteBool(bool value)
    {
        Reserve(1)[0] = value ? (byte)1 : (byte)0;
    }

    /// <summary>jute <c>ustring</c>: UTF-8 bytes after their count; null as -1.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        var count = Encoding.UTF8.GetByteCount(value);
        WriteInt32(count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
    }

    /// <summary>jute <c>buffer</c>: the bytes after their count.</summary>
    public void WriteBuffer(ReadOnlySpan<byte> value)
    {
        WriteInt32(value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    /// <summary>jute <c>vector&lt;ustring&gt;</c>: the count, then each string.</summary>
    public void WriteStringVector(IReadOnlyCollection<string> values)
    {
        WriteInt32(values.Count);
        foreach (var value in values)
        {
            WriteString(value);
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
