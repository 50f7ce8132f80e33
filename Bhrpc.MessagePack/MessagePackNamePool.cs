using MessagePack;

namespace Bhrpc.Serialization.MessagePack;

/// <summary>The msgpack reader's side of Core's <see cref="NamePool"/>.</summary>
internal static class MessagePackNamePool
{
    /// <summary>Reads the string the reader is on (it must be one), pooled when it is short, in one segment and valid UTF-8.</summary>
    public static string ReadString(ref MessagePackReader reader)
    {
        var start = reader.CreatePeekReader();
        if (!start.TryReadStringSpan(out var utf8) || !NamePool.TryGet(utf8, out var name))
        {
            // Long, split or bad UTF-8: the reader decodes (or reports) it its own way.
            return reader.ReadString()!;
        }

        reader = start;
        return name;
    }
}
