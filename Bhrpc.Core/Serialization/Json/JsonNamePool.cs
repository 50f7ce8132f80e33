using System.Text.Json;

namespace Bhrpc.Serialization.Json;

/// <summary>The json reader's side of <see cref="NamePool"/>.</summary>
internal static class JsonNamePool
{
    /// <summary>The current string token, pooled when it is short and plain.</summary>
    public static string GetString(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped || !NamePool.TryGet(reader.ValueSpan, out var name))
        {
            // Long, split, escaped or bad UTF-8: the reader decodes (or reports) it its own way.
            return reader.GetString()!;
        }

        return name;
    }
}
