using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Bhrpc.Serialization.Hessian;

/// <summary>
/// Reads one Hessian 2.0 stream into plain values: null, <see cref="bool"/>, <see cref="int"/>,
/// <see cref="long"/>, <see cref="double"/>, <see cref="string"/>, <see cref="byte"/>[],
/// <see cref="DateTime"/> (UTC; a date outside its range is a <see cref="HessianDateOutOfRange"/>)
/// and the nodes <see cref="HessianList"/>, <see cref="HessianMap"/> and <see cref="HessianObject"/>. Nothing here loads or constructs a type named on the wire.
/// Every length is checked against the bytes left before anything is allocated, every
/// reference index against its table, and nesting against <see cref="Hessian2Limits.MaxDepth"/>.
/// Any violation throws <see cref="RpcException"/> with <see cref="RpcStatusCode.Serialization"/>.
/// </summary>
internal sealed class Hessian2Reader
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly Hessian2Limits _limits;
    private readonly List<object> _refs = [];
    private readonly List<(string Name, string[] Fields)> _classDefs = [];
    private readonly List<string> _types = [];
    private int _pos;
    private int _depth;

    public Hessian2Reader(ReadOnlyMemory<byte> data, Hessian2Limits limits)
    {
        _data = data;
        _limits = limits;
    }

    public int Remaining => _data.Length - _pos;

    /// <summary>Skips the envelope start <c>'p' 2 0</c> written by Java's <c>startMessage()</c>, when present.</summary>
    public bool TryReadMessageStart()
    {
        var span = _data.Span;
        if (Remaining >= 3 && span[_pos] == (byte)'p')
        {
            if (span[_pos + 1] != 2)
            {
                Fail($"unsupported hessian message version {span[_pos + 1]}.{span[_pos + 2]}");
            }

            _pos += 3;
            return true;
        }

        return false;
    }

    /// <summary>Accepts the end of the stream, or a final <c>'z'</c> (which Java bhrpc never sends).</summary>
    public void ReadMessageEnd()
    {
        if (Remaining > 0 && _data.Span[_pos] == (byte)'z')
        {
            _pos++;
        }

        if (Remaining > 0)
        {
            Fail($"{Remaining} unexpected bytes after the message");
        }
    }

    public object? ReadValue()
    {
        var tag = ReadByte();
        switch (tag)
        {
            case (byte)'N':
                return null;
            case (byte)'T':
                return true;
            case (byte)'F':
                return false;
            case <= 0x1f:
                return ReadStringData(tag);
            case >= 0x20 and <= 0x2f:
                return ReadBytes(tag - 0x20);
            case >= 0x30 and <= 0x33:
                return ReadStringData(((tag - 0x30) << 8) | ReadByte());
            case >= 0x34 and <= 0x37:
                return ReadBytes(((tag - 0x34) << 8) | ReadByte());
            case >= 0x38 and <= 0x3f:
                return (long)(((tag - 0x3c) << 16) | (ReadByte() << 8) | ReadByte());
            case (byte)'A' or (byte)'B':
                return ReadBinaryChunks(tag);
            case (byte)'C':
                ReadClassDefinition();
                return ReadValue();
            case (byte)'D':
                return BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(Take(8)));
            case (byte)'H':
                return ReadMapEntries(new HessianMap(null));
            case (byte)'I':
                return BinaryPrimitives.ReadInt32BigEndian(Take(4));
            case 0x4a:
                return Date(BinaryPrimitives.ReadInt64BigEndian(Take(8)));
            case 0x4b:
                return Date(BinaryPrimitives.ReadInt32BigEndian(Take(4)) * 60000L);
            case (byte)'L':
                return BinaryPrimitives.ReadInt64BigEndian(Take(8));
            case (byte)'M':
                return ReadMapEntries(new HessianMap(ReadType()));
            case (byte)'O':
                return ReadInstance(ReadIntValue("class definition index"));
            case (byte)'Q':
                return ReadRef();
            case (byte)'R' or (byte)'S':
                return ReadStringChunks(tag);
            case (byte)'U':
                return ReadVariableList(ReadType());
            case (byte)'V':
            {
                var type = ReadType();
                return ReadFixedList(type, ReadLength("list"));
            }

            case (byte)'W':
                return ReadVariableList(null);
            case (byte)'X':
                return ReadFixedList(null, ReadLength("list"));
            case 0x59:
                return (long)BinaryPrimitives.ReadInt32BigEndian(Take(4));
            case 0x5b:
                return 0.0;
            case 0x5c:
                return 1.0;
            case 0x5d:
                return (double)(sbyte)ReadByte();
            case 0x5e:
                return (double)BinaryPrimitives.ReadInt16BigEndian(Take(2));
            case 0x5f:
                // Java's "double mill": an int of value * 1000, not the float the spec text describes.
                return 0.001 * BinaryPrimitives.ReadInt32BigEndian(Take(4));
            case >= 0x60 and <= 0x6f:
                return ReadInstance(tag - 0x60);
            case >= 0x70 and <= 0x77:
                return ReadFixedList(ReadType(), tag - 0x70);
            case >= 0x78 and <= 0x7f:
                return ReadFixedList(null, tag - 0x78);
            case >= 0x80 and <= 0xbf:
                return tag - 0x90;
            case >= 0xc0 and <= 0xcf:
                return ((tag - 0xc8) << 8) | ReadByte();
            case >= 0xd0 and <= 0xd7:
                return ((tag - 0xd4) << 16) | (ReadByte() << 8) | ReadByte();
            case >= 0xd8 and <= 0xef:
                return (long)(tag - 0xe0);
            case >= 0xf0:
                return (long)(((tag - 0xf8) << 8) | ReadByte());
            default:
                Fail($"unknown tag 0x{tag:x2} at offset {_pos - 1}");
                return null;
        }
    }

    private object ReadRef()
    {
        var index = ReadIntValue("reference");
        if ((uint)index >= (uint)_refs.Count)
        {
            Fail($"reference {index} is out of range ({_refs.Count} values so far)");
        }

        return _refs[index];
    }

    private void ReadClassDefinition()
    {
        if (_classDefs.Count >= _limits.MaxClassDefinitions)
        {
            Fail($"more than {_limits.MaxClassDefinitions} class definitions (Hessian2SerializerOptions.MaxClassDefinitions)");
        }

        var name = ReadStringValue("class name");
        var count = ReadLength("field list");
        var fields = new string[count];
        for (var i = 0; i < count; i++)
        {
            fields[i] = ReadStringValue("field name");
        }

        _classDefs.Add((name, fields));
    }

    private HessianObject ReadInstance(int defIndex)
    {
        if ((uint)defIndex >= (uint)_classDefs.Count)
        {
            Fail($"class definition {defIndex} is out of range ({_classDefs.Count} defined)");
        }

        var (name, fields) = _classDefs[defIndex];
        var obj = new HessianObject(name, fields);
        _refs.Add(obj);
        Enter();
        for (var i = 0; i < fields.Length; i++)
        {
            obj.Values[i] = ReadValue();
        }

        _depth--;
        return obj;
    }

    private HessianList ReadFixedList(string? type, int length)
    {
        var list = new HessianList(type, length);
        _refs.Add(list);
        Enter();
        for (var i = 0; i < length; i++)
        {
            list.Items.Add(ReadValue());
        }

        _depth--;
        return list;
    }

    private HessianList ReadVariableList(string? type)
    {
        var list = new HessianList(type, 0);
        _refs.Add(list);
        Enter();
        while (Peek() != (byte)'Z')
        {
            list.Items.Add(ReadValue());
        }

        _pos++;
        _depth--;
        return list;
    }

    private HessianMap ReadMapEntries(HessianMap map)
    {
        _refs.Add(map);
        Enter();
        while (Peek() != (byte)'Z')
        {
            var key = ReadValue();
            map.Entries.Add(new KeyValuePair<object?, object?>(key, ReadValue()));
        }

        _pos++;
        _depth--;
        return map;
    }

    /// <summary>A list or map type: a string (added to the type table) or an int index into it.</summary>
    private string ReadType()
    {
        var tag = Peek();
        if (tag <= 0x1f || tag is >= 0x30 and <= 0x33 || tag is (byte)'R' or (byte)'S')
        {
            var type = ReadStringValue("type");
            _types.Add(type);
            return type;
        }

        var index = ReadIntValue("type reference");
        if ((uint)index >= (uint)_types.Count)
        {
            Fail($"type reference {index} is out of range ({_types.Count} types so far)");
        }

        return _types[index];
    }

    private int ReadIntValue(string what) =>
        ReadValue() is int i ? i : throw Error($"expected an int for the {what}");

    private int ReadLength(string what)
    {
        var length = ReadIntValue($"{what} length");

        // Every element, field or character takes at least one byte.
        if (length < 0 || length > Remaining)
        {
            Fail($"{what} length {length} exceeds the {Remaining} bytes left");
        }

        return length;
    }

    private string ReadStringValue(string what) =>
        ReadValue() is string s ? s : throw Error($"expected a string for the {what}");

    private string ReadStringChunks(byte tag)
    {
        var builder = new System.Text.StringBuilder();
        var last = tag == (byte)'S';
        builder.Append(ReadStringData((ReadByte() << 8) | ReadByte()));
        while (!last)
        {
            tag = ReadByte();
            int length;
            switch (tag)
            {
                case <= 0x1f:
                    length = tag;
                    last = true;
                    break;
                case >= 0x30 and <= 0x33:
                    length = ((tag - 0x30) << 8) | ReadByte();
                    last = true;
                    break;
                case (byte)'S' or (byte)'R':
                    length = (ReadByte() << 8) | ReadByte();
                    last = tag == (byte)'S';
                    break;
                default:
                    throw Error($"expected a string chunk, found tag 0x{tag:x2}");
            }

            builder.Append(ReadStringData(length));
        }

        return builder.ToString();
    }

    /// <summary>Reads <paramref name="length"/> UTF-16 code units encoded 1 to 3 bytes each (surrogates on their own).</summary>
    private string ReadStringData(int length)
    {
        if (length > Remaining)
        {
            Fail($"string length {length} exceeds the {Remaining} bytes left");
        }

        return string.Create(length, this, (chars, reader) =>
        {
            var data = reader._data.Span;
            for (var i = 0; i < chars.Length; i++)
            {
                if (reader._pos >= data.Length)
                {
                    throw Error("truncated string");
                }

                int b = data[reader._pos++];
                if (b < 0x80)
                {
                    chars[i] = (char)b;
                }
                else if ((b & 0xe0) == 0xc0 && reader._pos < data.Length)
                {
                    chars[i] = (char)(((b & 0x1f) << 6) | (data[reader._pos++] & 0x3f));
                }
                else if ((b & 0xf0) == 0xe0 && reader._pos + 1 < data.Length)
                {
                    chars[i] = (char)(((b & 0x0f) << 12) | ((data[reader._pos] & 0x3f) << 6) | (data[reader._pos + 1] & 0x3f));
                    reader._pos += 2;
                }
                else
                {
                    throw Error($"bad utf-8 encoding at 0x{b:x2}");
                }
            }
        });
    }

    private byte[] ReadBytes(int length) => Take(length).ToArray();

    private byte[] ReadBinaryChunks(byte tag)
    {
        using var buffer = new MemoryStream();
        var last = tag == (byte)'B';
        buffer.Write(Take((ReadByte() << 8) | ReadByte()));
        while (!last)
        {
            tag = ReadByte();
            int length;
            switch (tag)
            {
                case >= 0x20 and <= 0x2f:
                    length = tag - 0x20;
                    last = true;
                    break;
                case >= 0x34 and <= 0x37:
                    length = ((tag - 0x34) << 8) | ReadByte();
                    last = true;
                    break;
                case (byte)'A' or (byte)'B':
                    length = (ReadByte() << 8) | ReadByte();
                    last = tag == (byte)'B';
                    break;
                default:
                    throw Error($"expected a binary chunk, found tag 0x{tag:x2}");
            }

            buffer.Write(Take(length));
        }

        return buffer.ToArray();
    }

    /// <summary>DateTime covers years 1..9999; a Java date outside that is kept for the conversion to report.</summary>
    private static object Date(long millis) =>
        millis is >= HessianDateOutOfRange.MinMillis and <= HessianDateOutOfRange.MaxMillis
            ? DateTime.UnixEpoch.AddTicks(millis * TimeSpan.TicksPerMillisecond)
            : new HessianDateOutOfRange(millis);

    private void Enter()
    {
        if (++_depth > _limits.MaxDepth)
        {
            Fail($"values nest deeper than {_limits.MaxDepth} (Hessian2SerializerOptions.MaxDepth)");
        }
    }

    private byte Peek()
    {
        if (_pos >= _data.Length)
        {
            Fail("truncated body");
        }

        return _data.Span[_pos];
    }

    private byte ReadByte()
    {
        var b = Peek();
        _pos++;
        return b;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            Fail($"truncated body: {count} bytes needed, {Remaining} left");
        }

        var span = _data.Span.Slice(_pos, count);
        _pos += count;
        return span;
    }

    [DoesNotReturn]
    private static void Fail(string message) => throw Error(message);

    internal static RpcException Error(string message) =>
        new(RpcStatusCode.Serialization, $"hessian2: {message}.");
}
