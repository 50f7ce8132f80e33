using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bhrpc.Serialization.Json;

/// <summary>
/// Writes a <see cref="DateTime"/> as ISO 8601 and reads ISO 8601, Java bhrpc's
/// <c>yyyy-MM-dd HH:mm:ss</c> (optionally with a fraction), or a number of milliseconds since
/// the Unix epoch (Jackson's default for <c>java.util.Date</c>, read as UTC).
/// </summary>
internal sealed class JsonDateTimeConverter : JsonConverter<DateTime>
{
    // Longer than any date either format produces; a longer string is not a date.
    private const int MaxTextLength = 64;
    private const long MinUnixMilliseconds = -62_135_596_800_000;
    private const long MaxUnixMilliseconds = 253_402_300_799_999;

    // "F" digits are optional, and the period before them goes with them: this also reads "yyyy-MM-dd HH:mm:ss".
    private const string JavaFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out var milliseconds) && milliseconds is >= MinUnixMilliseconds and <= MaxUnixMilliseconds
                ? DateTime.UnixEpoch.AddMilliseconds(milliseconds)
                : throw new JsonException("a number date must be whole milliseconds since 1970-01-01 within the range of DateTime.");
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a date string, got {reader.TokenType}.");
        }

        if (reader.TryGetDateTime(out var iso))
        {
            return iso;
        }

        // The raw UTF-8 length bounds the UTF-16 length of the unescaped text.
        var rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (rawLength <= MaxTextLength)
        {
            Span<char> text = stackalloc char[MaxTextLength];
            var length = reader.CopyString(text);
            if (DateTime.TryParseExact(text[..length], JavaFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var java))
            {
                return java;
            }
        }

        throw new JsonException("expected a date as ISO 8601 or yyyy-MM-dd HH:mm:ss.");
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
        => writer.WriteStringValue(value);
}
