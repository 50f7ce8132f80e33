using System.Buffers;
using System.Buffers.Binary;

namespace Bhrpc.Serialization.Hessian;

/// <summary>
/// Writes Hessian 2.0 values the way Java's reference Hessian 4.0.38 does (compact forms chosen
/// by the same rules), and keeps the stream's three tables: values (for <c>0x51</c> references),
/// class definitions and list/map types.
/// </summary>
/// <remarks>
/// Java's <c>Hessian2Output</c> writes through an 8,192-byte buffer and cuts a binary into
/// chunks that fill the buffer up to its end, so where a binary's chunks end depends on how much
/// of the stream came before it and on when Java flushed. This writer keeps a model of that
/// buffer (<see cref="_javaOffset"/>: every byte advances it; each write first applies the
/// flush rule of the Java method it stands for) so that its chunks are the ones Java writes.
/// </remarks>
internal sealed class Hessian2Writer
{
    /// <summary>The largest string chunk (in UTF-16 code units) before the final chunk, as in Java.</summary>
    internal const int StringChunkSize = 0x8000;

    /// <summary>The size of Java's <c>Hessian2Output</c> buffer.</summary>
    internal const int JavaBufferSize = 8192;

    private readonly IBufferWriter<byte> _output;
    private readonly Dictionary<object, int> _refs = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(Type Kind, string Key), int> _valueRefs = [];
    private readonly Dictionary<string, int> _classDefs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _types = new(StringComparer.Ordinal);
    private int _refCount;

    /// <summary>Where Java's output buffer would be now: bytes written since its last flush.</summary>
    private int _javaOffset;

    public Hessian2Writer(IBufferWriter<byte> output)
    {
        _output = output;
    }

    /// <summary>Writes the message envelope's start as Java's <c>startMessage()</c> does: <c>'p' 2 0</c>.</summary>
    public void WriteMessageStart()
    {
        FlushIfLess(32);
        var span = _output.GetSpan(3);
        span[0] = (byte)'p';
        span[1] = 2;
        span[2] = 0;
        Advance(3);
    }

    public void WriteNull()
    {
        FlushIfNoMoreThan(16);
        WriteByte((byte)'N');
    }

    public void WriteBoolean(bool value)
    {
        FlushIfLess(16);
        WriteByte(value ? (byte)'T' : (byte)'F');
    }

    public void WriteInt(int value)
    {
        FlushIfNoMoreThan(16);
        var span = _output.GetSpan(5);
        int n;
        if (value >= -16 && value <= 47)
        {
            span[0] = (byte)(0x90 + value);
            n = 1;
        }
        else if (value >= -2048 && value <= 2047)
        {
            span[0] = (byte)(0xc8 + (value >> 8));
            span[1] = (byte)value;
            n = 2;
        }
        else if (value >= -262144 && value <= 262143)
        {
            span[0] = (byte)(0xd4 + (value >> 16));
            span[1] = (byte)(value >> 8);
            span[2] = (byte)value;
            n = 3;
        }
        else
        {
            span[0] = (byte)'I';
            BinaryPrimitives.WriteInt32BigEndian(span[1..], value);
            n = 5;
        }

        Advance(n);
    }

    public void WriteLong(long value)
    {
        FlushIfNoMoreThan(16);
        var span = _output.GetSpan(9);
        int n;
        if (value >= -8 && value <= 15)
        {
            span[0] = (byte)(0xe0 + value);
            n = 1;
        }
        else if (value >= -2048 && value <= 2047)
        {
            span[0] = (byte)(0xf8 + (value >> 8));
            span[1] = (byte)value;
            n = 2;
        }
        else if (value >= -262144 && value <= 262143)
        {
            span[0] = (byte)(0x3c + (value >> 16));
            span[1] = (byte)(value >> 8);
            span[2] = (byte)value;
            n = 3;
        }
        else if (value >= int.MinValue && value <= int.MaxValue)
        {
            span[0] = 0x59;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
            n = 5;
        }
        else
        {
            span[0] = (byte)'L';
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            n = 9;
        }

        Advance(n);
    }

    public void WriteDouble(double value)
    {
        FlushIfNoMoreThan(16);
        var span = _output.GetSpan(9);
        int n;

        // Java's rules: (int) value, then value * 1000 as an int ("double mill"); -0.0 becomes 0x5b.
        var intValue = JavaDoubleToInt(value);
        if (intValue == value && intValue == 0)
        {
            span[0] = 0x5b;
            n = 1;
        }
        else if (intValue == value && intValue == 1)
        {
            span[0] = 0x5c;
            n = 1;
        }
        else if (intValue == value && intValue >= -0x80 && intValue < 0x80)
        {
            span[0] = 0x5d;
            span[1] = (byte)intValue;
            n = 2;
        }
        else if (intValue == value && intValue >= -0x8000 && intValue < 0x8000)
        {
            span[0] = 0x5e;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)intValue);
            n = 3;
        }
        else
        {
            var mills = JavaDoubleToInt(value * 1000);
            if (0.001 * mills == value)
            {
                span[0] = 0x5f;
                BinaryPrimitives.WriteInt32BigEndian(span[1..], mills);
                n = 5;
            }
            else
            {
                span[0] = (byte)'D';
                // Java's doubleToLongBits writes every NaN as the canonical 0x7ff8000000000000.
                BinaryPrimitives.WriteInt64BigEndian(span[1..], double.IsNaN(value) ? 0x7ff8000000000000L : BitConverter.DoubleToInt64Bits(value));
                n = 9;
            }
        }

        Advance(n);
    }

    /// <summary>Writes a date as UTC milliseconds; whole minutes use the 5-byte form as Java does.</summary>
    public void WriteDate(long utcMillis)
    {
        FlushIfLess(32);
        var span = _output.GetSpan(9);
        if (utcMillis % 60000 == 0 && utcMillis / 60000 is >= int.MinValue and <= int.MaxValue)
        {
            span[0] = 0x4b;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)(utcMillis / 60000));
            Advance(5);
        }
        else
        {
            span[0] = 0x4a;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], utcMillis);
            Advance(9);
        }
    }

    /// <summary>
    /// Writes a string: lengths count UTF-16 code units and every code unit (each surrogate on
    /// its own) takes 1 to 3 bytes, as Java writes it. Non-final chunks never end in a high surrogate.
    /// </summary>
    public void WriteString(string value)
    {
        FlushIfNoMoreThan(16);
        var chars = value.AsSpan();
        while (chars.Length > StringChunkSize)
        {
            var len = StringChunkSize;
            if (char.IsHighSurrogate(chars[len - 1]))
            {
                len--;
            }

            FlushIfNoMoreThan(16);
            WriteChunkHeader((byte)'R', len);
            WriteChars(chars[..len]);
            chars = chars[len..];
        }

        FlushIfNoMoreThan(16);
        if (chars.Length <= 31)
        {
            WriteByte((byte)chars.Length);
        }
        else if (chars.Length <= 1023)
        {
            var span = _output.GetSpan(2);
            span[0] = (byte)(0x30 + (chars.Length >> 8));
            span[1] = (byte)chars.Length;
            Advance(2);
        }
        else
        {
            WriteChunkHeader((byte)'S', chars.Length);
        }

        WriteChars(chars);
    }

    /// <summary>
    /// Writes a binary as Java's <c>writeBytes</c> does: while the rest does not fit the space
    /// left in Java's buffer, a non-final chunk fills that space (or, when under 16 bytes are
    /// left, a fresh buffer) and Java flushes; the rest goes in one final chunk.
    /// </summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        while (JavaBufferSize - _javaOffset - 3 < value.Length)
        {
            var length = JavaBufferSize - _javaOffset - 3;
            if (length < 16)
            {
                _javaOffset = 0;
                length = Math.Min(JavaBufferSize - 3, value.Length);
            }

            WriteChunkHeader((byte)'A', length);
            WriteRaw(value[..length]);
            value = value[length..];
            _javaOffset = 0;
        }

        FlushIfLess(16);
        if (value.Length <= 15)
        {
            WriteByte((byte)(0x20 + value.Length));
        }
        else if (value.Length <= 1023)
        {
            var span = _output.GetSpan(2);
            span[0] = (byte)(0x34 + (value.Length >> 8));
            span[1] = (byte)value.Length;
            Advance(2);
        }
        else
        {
            WriteChunkHeader((byte)'B', value.Length);
        }

        WriteRaw(value);
    }

    /// <summary>
    /// Writes a <c>0x51</c> reference when <paramref name="value"/> was written before and returns
    /// true; otherwise gives it the next value index (so cycles back to it work) and returns false.
    /// </summary>
    public bool TryWriteRef(object value)
    {
        if (_refs.TryGetValue(value, out var index))
        {
            WriteRef(index);
            return true;
        }

        _refs.Add(value, _refCount++);
        return false;
    }

    /// <summary>
    /// The same for a value Java writes as one shared instance, known here by its kind and key
    /// (an enum constant by its type and name, a <c>java.lang.Class</c> by its name, a
    /// <c>BigDecimal</c> by its text): the first one takes the next value index, a repeat is a reference.
    /// </summary>
    public bool TryWriteValueRef(Type kind, string key)
    {
        if (_valueRefs.TryGetValue((kind, key), out var index))
        {
            WriteRef(index);
            return true;
        }

        _valueRefs.Add((kind, key), _refCount++);
        return false;
    }

    /// <summary>Takes a value index for a value that is never shared (a boxed handle, an enum constant).</summary>
    public void AddUnsharedRef() => _refCount++;

    /// <summary>Starts a fixed-length list, typed as Java writes arrays (<c>V</c> or <c>0x70..0x77</c>) or untyped (<c>X</c> or <c>0x78..0x7f</c>).</summary>
    public void WriteListStart(int length, string? type)
    {
        FlushIfLess(32);
        if (type is null)
        {
            if (length <= 7)
            {
                WriteByte((byte)(0x78 + length));
            }
            else
            {
                WriteByte((byte)'X');
                WriteInt(length);
            }

            return;
        }

        if (length <= 7)
        {
            WriteByte((byte)(0x70 + length));
            WriteType(type);
        }
        else
        {
            WriteByte((byte)'V');
            WriteType(type);
            WriteInt(length);
        }
    }

    /// <summary>Starts a map: <c>H</c> untyped (a Java HashMap), <c>M</c> with a type otherwise. End it with <see cref="WriteEnd"/>.</summary>
    public void WriteMapStart(string? type)
    {
        FlushIfLess(32);
        if (type is null)
        {
            WriteByte((byte)'H');
        }
        else
        {
            WriteByte((byte)'M');
            WriteType(type);
        }
    }

    public void WriteEnd()
    {
        FlushIfLess(32);
        WriteByte((byte)'Z');
    }

    /// <summary>
    /// Starts an object instance, writing the class definition the first time the class name
    /// is seen in this stream. A class keeps the field list of its first definition.
    /// </summary>
    public void WriteObjectStart(string className, IReadOnlyList<string> fieldNames)
    {
        if (!_classDefs.TryGetValue(className, out var index))
        {
            index = _classDefs.Count;
            _classDefs.Add(className, index);
            FlushIfLess(32);
            WriteByte((byte)'C');
            WriteString(className);
            WriteInt(fieldNames.Count);
            foreach (var name in fieldNames)
            {
                WriteString(name);
            }
        }

        FlushIfLess(32);
        if (index <= 15)
        {
            WriteByte((byte)(0x60 + index));
        }
        else
        {
            WriteByte((byte)'O');
            WriteInt(index);
        }
    }

    private void WriteType(string type)
    {
        FlushIfLess(32);
        if (_types.TryGetValue(type, out var index))
        {
            WriteInt(index);
        }
        else
        {
            _types.Add(type, _types.Count);
            WriteString(type);
        }
    }

    private void WriteChunkHeader(byte code, int length)
    {
        var span = _output.GetSpan(3);
        span[0] = code;
        span[1] = (byte)(length >> 8);
        span[2] = (byte)length;
        Advance(3);
    }

    private void WriteRef(int index)
    {
        FlushIfLess(16);
        WriteByte(0x51);
        WriteInt(index);
    }

    /// <summary>Java's flush before most writes: when fewer than <paramref name="room"/> bytes would be left.</summary>
    private void FlushIfLess(int room)
    {
        if (_javaOffset + room > JavaBufferSize)
        {
            _javaOffset = 0;
        }
    }

    /// <summary>Java's flush before ints, longs, doubles, nulls and each string character: when at most <paramref name="room"/> bytes would be left.</summary>
    private void FlushIfNoMoreThan(int room)
    {
        if (_javaOffset + room >= JavaBufferSize)
        {
            _javaOffset = 0;
        }
    }

    private void Advance(int count)
    {
        _output.Advance(count);
        _javaOffset += count;
    }

    private void WriteChars(ReadOnlySpan<char> chars)
    {
        while (!chars.IsEmpty)
        {
            var take = Math.Min(chars.Length, 1024);
            var span = _output.GetSpan(take * 3);
            var n = 0;

            // Java checks its buffer before every character; only the model's offset moves here.
            var offset = _javaOffset;
            foreach (var c in chars[..take])
            {
                if (offset + n + 16 >= JavaBufferSize)
                {
                    offset = -n;
                }

                if (c < 0x80)
                {
                    span[n++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    span[n++] = (byte)(0xc0 | (c >> 6));
                    span[n++] = (byte)(0x80 | (c & 0x3f));
                }
                else
                {
                    span[n++] = (byte)(0xe0 | (c >> 12));
                    span[n++] = (byte)(0x80 | ((c >> 6) & 0x3f));
                    span[n++] = (byte)(0x80 | (c & 0x3f));
                }
            }

            _output.Advance(n);
            _javaOffset = offset + n;
            chars = chars[take..];
        }
    }

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var span = _output.GetSpan(1);
            var take = Math.Min(span.Length, bytes.Length);
            bytes[..take].CopyTo(span);
            Advance(take);
            bytes = bytes[take..];
        }
    }

    private void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        Advance(1);
    }

    /// <summary>Java's <c>(int) double</c>: NaN is 0, out-of-range values saturate.</summary>
    private static int JavaDoubleToInt(double value) =>
        double.IsNaN(value) ? 0 : value >= int.MaxValue ? int.MaxValue : value <= int.MinValue ? int.MinValue : (int)value;
}
