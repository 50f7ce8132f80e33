using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Unicode;

namespace Bhrpc.Serialization.Json;

/// <summary>
/// Reuses the strings and string arrays that every request repeats (service, method, version,
/// group and parameter type names), so decoding a request header allocates nothing once a name
/// has been seen. Bounded: when full it starts over, so hostile input can neither grow it without
/// end nor keep the names in use out of it. Holds names, not extension state, so it is shared by the process.
/// </summary>
internal static class JsonNamePool
{
    private const int MaxNameLength = 256;
    private const int MaxNames = 4096;
    private const int MaxArrays = 1024;

    private static readonly ConcurrentDictionary<string, string> s_names = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_lookup =
        s_names.GetAlternateLookup<ReadOnlySpan<char>>();

    private static string[][] s_arrays = [];

    [ThreadStatic]
    private static string[]? t_scratch;

    /// <summary>The current string token, pooled when it is short and plain.</summary>
    public static string GetString(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > MaxNameLength)
        {
            return reader.GetString()!;
        }

        Span<char> chars = stackalloc char[MaxNameLength];
        if (Utf8.ToUtf16(reader.ValueSpan, chars, out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            // Let the reader report the bad UTF-8 its own way.
            return reader.GetString()!;
        }

        var text = chars[..written];
        if (s_lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        var created = new string(text);
        if (s_names.Count >= MaxNames)
        {
            // Full (a flood of distinct names): start over, so the names in use now get pooled again.
            s_names.Clear();
        }

        s_names.TryAdd(created, created);
        return created;
    }

    /// <summary>A scratch buffer for reading up to <paramref name="count"/> names on this thread.</summary>
    public static string[] Scratch(int count)
    {
        var scratch = t_scratch;
        if (scratch is null || scratch.Length < count)
        {
            scratch = t_scratch = new string[Math.Max(count, 16)];
        }

        return scratch;
    }

    /// <summary>An array equal to the first <paramref name="count"/> items of <paramref name="items"/>, reused when seen before.</summary>
    public static string[] GetArray(string[] items, int count)
    {
        if (count == 0)
        {
            return [];
        }

        var arrays = Volatile.Read(ref s_arrays);
        foreach (var candidate in arrays)
        {
            if (candidate.Length == count && SameItems(candidate, items))
            {
                return candidate;
            }
        }

        var created = items.AsSpan(0, count).ToArray();

        // Copy on write, starting over when full; a lost race only means one array is not pooled.
        Interlocked.CompareExchange(ref s_arrays, arrays.Length < MaxArrays ? [.. arrays, created] : [created], arrays);
        return created;
    }

    private static bool SameItems(string[] candidate, string[] items)
    {
        for (var i = 0; i < candidate.Length; i++)
        {
            if (!string.Equals(candidate[i], items[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
