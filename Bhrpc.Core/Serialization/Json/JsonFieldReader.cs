using System.Text.Json;

namespace Bhrpc.Serialization.Json;

/// <summary>
/// Phase-one helpers over a body's top-level object. Each <c>Read…</c> method is called with
/// the reader on a property name, reads that property's value and leaves the reader on the
/// value's last token. A value of the wrong kind throws <see cref="JsonException"/> naming the
/// field; the serializer turns it into an <see cref="RpcException"/>.
/// </summary>
internal static class JsonFieldReader
{
    /// <summary>Reads the first token, which must open an object.</summary>
    public static void ReadStartObject(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("the body is empty.");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"expected a JSON object, got {Describe(reader.TokenType)}.");
        }
    }

    /// <summary>Moves to the next property name of the top-level object; false at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType != JsonTokenType.EndObject;
    }

    /// <summary>Checks nothing but white space follows the top-level object.</summary>
    public static void ReadEnd(ref Utf8JsonReader reader)
    {
        // A final-block reader throws on trailing content itself; the check is for clarity.
        if (reader.Read())
        {
            throw new JsonException("unexpected content after the top-level object.");
        }
    }

    /// <summary>Skips the value of a field this body kind does not know.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        reader.Skip();
    }

    public static string? ReadString(ref Utf8JsonReader reader, JsonEncodedText field, bool pooled = false)
    {
        Next(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.String => pooled ? JsonNamePool.GetString(ref reader) : reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw WrongKind(field, "a string", reader.TokenType),
        };
    }

    public static bool ReadBoolean(ref Utf8JsonReader reader, JsonEncodedText field)
    {
        Next(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False or JsonTokenType.Null => false,
            _ => throw WrongKind(field, "true or false", reader.TokenType),
        };
    }

    public static string[]? ReadStringArray(ref Utf8JsonReader reader, JsonEncodedText field)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw WrongKind(field, "an array of strings", reader.TokenType);
        }

        // Count on a copy first so the array is allocated once at its exact size; these arrays
        // are short, so scanning them twice costs less than growing a list.
        var probe = reader;
        var count = 0;
        while (probe.Read() && probe.TokenType != JsonTokenType.EndArray)
        {
            probe.Skip();
            count++;
        }

        var scratch = NamePool.Scratch(count);
        for (var i = 0; i < count; i++)
        {
            Next(ref reader);
            scratch[i] = reader.TokenType == JsonTokenType.String
                ? JsonNamePool.GetString(ref reader)
                : throw WrongKind(field, "an array of strings", reader.TokenType);
        }

        var values = NamePool.GetArray(scratch, count);
        Next(ref reader);
        return values;
    }

    /// <summary>Reads an object of string values; entries whose value is null are dropped.</summary>
    public static Dictionary<string, string>? ReadAttachments(ref Utf8JsonReader reader, JsonEncodedText field)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw WrongKind(field, "an object of strings", reader.TokenType);
        }

        var attachments = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextProperty(ref reader))
        {
            var key = reader.GetString()!;
            Next(ref reader);
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    attachments[key] = reader.GetString()!;
                    break;
                case JsonTokenType.Null:
                    break;
                default:
                    throw WrongKind(field, "an object of strings", reader.TokenType);
            }
        }

        return attachments;
    }

    /// <summary>
    /// Records where an array value lies in the body and skips it (phase two decodes it).
    /// Returns its element count; <paramref name="start"/> is -1 when the value is null.
    /// </summary>
    public static int SkipArray(ref Utf8JsonReader reader, JsonEncodedText field, out long start, out long length)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            start = -1;
            length = 0;
            return 0;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw WrongKind(field, "an array", reader.TokenType);
        }

        start = reader.TokenStartIndex;
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
            count++;
        }

        length = reader.BytesConsumed - start;
        return count;
    }

    /// <summary>Records where any value lies in the body and skips it (phase two decodes it).</summary>
    public static void SkipAnyValue(ref Utf8JsonReader reader, out long start, out long length)
    {
        Next(ref reader);

        // For a string the token starts at its opening quote, so the range holds the whole value.
        start = reader.TokenStartIndex;
        reader.Skip();
        length = reader.BytesConsumed - start;
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("the body ends early.");
        }
    }

    private static JsonException WrongKind(JsonEncodedText field, string expected, JsonTokenType actual)
        => new($"field '{field}' must be {expected} or null, got {Describe(actual)}.");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
