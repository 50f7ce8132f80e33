using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Unicode;

namespace Bhrpc.Serialization;

/// <summary>
/// For serializers: reuses the strings and string arrays that every request repeats (service, method, version, group
/// and parameter type names), so decoding a request header allocates nothing once a name has been seen. Bounded: when
/// full it starts over, so hostile input can neither grow it without end nor keep the names in use out of it. Holds
/// names only, so one pool serves the whole process (every serializer shares it).
/// </summary>
public static class NamePool
{
    /// <summary>The longest name (in UTF-8 bytes) that is pooled; longer ones are decoded as usual.</summary>
    public const int MaxNameLength = 256;

    private const int MaxNames = 4096;
    private const int MaxArrays = 1024;

    private static readonly ConcurrentDictionary<string, string> s_names = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_lookup =
        s_names.GetAlternateLookup<ReadOnlySpan<char>>();

    private static string[][] s_arrays = [];

    [ThreadStatic]
    private static string[]? t_scratch;

    /// <summary>
    /// The pooled string of <paramref name="utf8"/>; false (and null) when it is longer than <see cref="MaxNameLength"/>
    /// or not valid UTF-8, so the caller decodes it its own way (and reports bad input as its format does).
    /// </summary>
    public static bool TryGet(ReadOnlySpan<byte> utf8, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name)
    {
        name = null;
        if (utf8.Length > MaxNameLength)
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxNameLength];
        if (Utf8.ToUtf16(utf8, chars, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            return false;
        }

        var text = chars[..written];
        if (s_lookup.TryGetValue(text, out var pooled))
        {
            name = pooled;
            return true;
        }

        var created = new string(text);
        if (s_names.Count >= MaxNames)
        {
            // Full (a flood of distinct names): start over, so the names in use now get pooled again.
            s_names.Clear();
        }

        s_names.TryAdd(created, created);
        name = created;
        return true;
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
        ArgumentNullException.ThrowIfNull(items);
        if (count == 0)
        {
            return [];
        }

        var arrays = Volatile.Read(ref s_arrays);
        foreach (var candidate in arrays)
        {
            if (candidate.Length == count && candidate.AsSpan().SequenceEqual(items.AsSpan(0, count)))
            {
                return candidate;
            }
        }

        var created = items.AsSpan(0, count).ToArray();

        // Copy on write, starting over when full; a lost race only means one array is not pooled.
        Interlocked.CompareExchange(ref s_arrays, arrays.Length < MaxArrays ? [.. arrays, created] : [created], arrays);
        return created;
    }
}
