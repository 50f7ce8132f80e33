using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Bhrpc.LoadBalance;

/// <summary>
/// A 32-bit hash that is the same in every process and on every machine (unlike <see cref="string.GetHashCode()"/>,
/// which .NET randomizes per process), so that hash load balancers send the same key to the same provider from
/// every consumer. FNV-1a over a canonical byte form of the value.
/// </summary>
public static class StableHash
{
    private const uint Offset = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>
    /// The hash of <paramref name="value"/>: strings by their UTF-16 code units; integers, floating-point numbers,
    /// decimals, <see cref="bool"/>, <see cref="char"/> and enums by their value (so <c>1</c>, <c>1L</c> and
    /// <c>(short)1</c> hash alike); <see cref="Guid"/>, <see cref="DateTime"/> and <see cref="DateTimeOffset"/> by
    /// their value; null as 0; anything else by its invariant-culture <see cref="object.ToString"/> (override it on
    /// a key type, or the type name is hashed).
    /// </summary>
    public static int Of(object? value) => value switch
    {
        null => 0,
        string s => OfString(s),
        bool b => OfInt64(b ? 1 : 0),
        char c => OfInt64(c),
        sbyte or byte or short or ushort or int or uint or long => OfInt64(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong u => OfInt64(unchecked((long)u)),
        Enum e => OfInt64(Convert.ToInt64(e, CultureInfo.InvariantCulture)),
        float f => OfDouble(f),
        double d => OfDouble(d),
        decimal m => OfString(m.ToString(CultureInfo.InvariantCulture)),
        Guid g => OfGuid(g),
        DateTime t => OfInt64(t.ToUniversalTime().Ticks),
        DateTimeOffset t => OfInt64(t.UtcTicks),
        IFormattable f => OfString(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => OfString(value.ToString() ?? string.Empty),
    };

    /// <summary>The hash of <paramref name="text"/>'s UTF-16 code units.</summary>
    public static int OfString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return unchecked((int)Fnv(MemoryMarshal.AsBytes(text.AsSpan())));
    }

    /// <summary>
    /// The hash of two hashes together (order matters), the same in every process; unlike
    /// <see cref="HashCode.Combine{T1, T2}"/>, which .NET seeds per process.
    /// </summary>
    internal static int Combine(int first, int second)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, first);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[4..], second);
        return unchecked((int)Fnv(bytes));
    }

    private static int OfInt64(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return unchecked((int)Fnv(bytes));
    }

    private static int OfDouble(double value)
        => value == Math.Floor(value) && value is >= long.MinValue and <= long.MaxValue ? OfInt64((long)value) : OfInt64(BitConverter.DoubleToInt64Bits(value));

    private static int OfGuid(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        return unchecked((int)Fnv(bytes));
    }

    private static uint Fnv(ReadOnlySpan<byte> bytes)
    {
        var hash = Offset;
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        // FNV-1a's low bits mix poorly for short inputs; one final avalanche (murmur3's fmix32) spreads them.
        hash ^= hash >> 16;
        hash = unchecked(hash * 0x85ebca6b);
        hash ^= hash >> 13;
        hash = unchecked(hash * 0xc2b2ae35);
        hash ^= hash >> 16;
        return hash;
    }
}
