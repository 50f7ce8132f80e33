using System.Buffers;
using System.Text.Json;

namespace Bhrpc.Serialization.Json;

/// <summary>
/// Phase one of reading a response body: every field but the result value, in any order,
/// ignoring unknown fields. The result is validated, and only its place in the body is kept.
/// </summary>
internal static class JsonResponseReader
{
    public static JsonDecodedResponse Read(in ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body, JsonSettings.Reader);
        string? error = null;
        string? errorType = null;
        var shared = default(JsonMessageFields);
        long resultStart = -1;
        long resultLength = 0;

        JsonFieldReader.ReadStartObject(ref reader);
        while (JsonFieldReader.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals(JsonFields.Result.EncodedUtf8Bytes))
            {
                JsonFieldReader.SkipAnyValue(ref reader, out resultStart, out resultLength);
            }
            else if (reader.ValueTextEquals(JsonFields.Error.EncodedUtf8Bytes))
            {
                error = JsonFieldReader.ReadString(ref reader, JsonFields.Error);
            }
            else if (reader.ValueTextEquals(JsonFields.ErrorType.EncodedUtf8Bytes))
            {
                errorType = JsonFieldReader.ReadString(ref reader, JsonFields.ErrorType);
            }
            else if (!shared.TryRead(ref reader))
            {
                JsonFieldReader.SkipValue(ref reader);
            }
        }

        JsonFieldReader.ReadEnd(ref reader);

        return new JsonDecodedResponse(resultStart < 0 ? ReadOnlySequence<byte>.Empty : body.Slice(resultStart, resultLength))
        {
            Error = error,
            ErrorType = errorType,
            Async = shared.Async,
            Oneway = shared.Oneway,
            Attachments = shared.Attachments,
        };
    }
}
