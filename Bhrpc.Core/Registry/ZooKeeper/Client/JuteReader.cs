using System.Buffers.Binary;
using System.Text;

namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>Reads jute's encoding from one packet body; a value running past the end throws <see cref="InvalidDataException"/>.</summary>
internal ref struct JuteReader
{
    private ReadOnlySpan<byte> _rest;

    public JuteReader(ReadOnlySpan<byte> packet)
    {
        _rest = packet;
    }

    /// <summary>The bytes not read yet.</summary>
    public readonly ReadOnlySpan<byte> Rest => _rest;

    public int ReadInt32()
    {
        var value = BinaryPrimitives.ReadInt32BigEndian(Take(4));
        return value;
    }

    public long ReadInt64()
    {
        var value = BinaryPrimitives.ReadInt64BigEndian(Take(8));
        return value;
    }

    public bool ReadBool() => Take(1)[0] != 0;

    public string? ReadString()
    {
        var count = ReadInt32();
        return count < 0 ? null : Encoding.UTF8.GetString(Take(count));
    }

    /// <summary>A jute <c>buffer</c>; a null buffer (-1) reads as empty.</summary>
    public byte[] ReadBuffer()
    {
        var count = ReadInt32();
        return count <= 0 ? [] : Take(count).ToArray();
    }

    /// <summary>A jute <c>vector&lt;ustring&gt;</c>; a null vector (-1) reads as empty.</summary>
    public List<string> ReadStringVector()
    {
        var count = ReadInt32();
        if (count <= 0)
        {
            return [];
        }

        // Each string takes at least its 4-byte length: a count beyond that is a corrupt packet, not a huge allocation.
        if (count > _rest.Length / 4)
        {
            throw new InvalidDataException($"a ZooKeeper packet announces {count} strings in {_rest.Length} bytes.");
        }

        var values = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            values.Add(ReadString() ?? string.Empty);
        }

        return values;
    }

    public ZooKeeperStat ReadStat() => new(
        Czxid: ReadInt64(),
        Mzxid: ReadInt64(),
        Ctime: ReadInt64(),
        Mtime: ReadInt64(),
        Version: ReadInt32(),
        Cversion: ReadInt32(),
        Aversion: ReadInt32(),
        EphemeralOwner: ReadInt64(),
        DataLength: ReadInt32(),
        NumChildren: ReadInt32(),
        Pzxid: ReadInt64());

    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)_rest.Length)
        {
            throw new InvalidDataException($"a ZooKeeper packet ends early: a value needs {count} bytes, {_rest.Length} are left.");
        }

        var value = _rest[..count];
        _rest = _rest[count..];
        return value;
    }
}
