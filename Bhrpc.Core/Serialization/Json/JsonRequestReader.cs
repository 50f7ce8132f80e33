using System.Buffers;
using System.Text.Json;
using Bhrpc.Protocol;

namespace Bhrpc.Serialization.Json;

/// <summary>
/// Phase one of reading a request body: every field but the argument values, in any order,
/// ignoring unknown fields. The <c>parameters</c> array is validated and counted, and only its
/// place in the body is kept.
/// </summary>
internal static class JsonRequestReader
{
    public static JsonDecodedRequest Read(in ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body, JsonSettings.Reader);
        string? className = null;
        string? methodName = null;
        string[]? parameterTypes = null;
        string? version = null;
        string? group = null;
        var shared = default(JsonMessageFields);
        long parametersStart = -1;
        long parametersLength = 0;
        var parameterCount = 0;

        JsonFieldReader.ReadStartObject(ref reader);
        while (JsonFieldReader.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals(JsonFields.ClassName.EncodedUtf8Bytes))
            {
                className = JsonFieldReader.ReadString(ref reader, JsonFields.ClassName, pooled: true);
            }
            else if (reader.ValueTextEquals(JsonFields.MethodName.EncodedUtf8Bytes))
            {
                methodName = JsonFieldReader.ReadString(ref reader, JsonFields.MethodName, pooled: true);
            }
            else if (reader.ValueTextEquals(JsonFields.ParameterTypes.EncodedUtf8Bytes))
            {
                parameterTypes = JsonFieldReader.ReadStringArray(ref reader, JsonFields.ParameterTypes);
            }
            else if (reader.ValueTextEquals(JsonFields.Parameters.EncodedUtf8Bytes))
            {
                parameterCount = JsonFieldReader.SkipArray(ref reader, JsonFields.Parameters, out parametersStart, out parametersLength);
            }
            else if (reader.ValueTextEquals(JsonFields.Version.EncodedUtf8Bytes))
            {
                version = JsonFieldReader.ReadString(ref reader, JsonFields.Version, pooled: true);
            }
            else if (reader.ValueTextEquals(JsonFields.Group.EncodedUtf8Bytes))
            {
                group = JsonFieldReader.ReadString(ref reader, JsonFields.Group, pooled: true);
            }
            else if (!shared.TryRead(ref reader))
            {
                JsonFieldReader.SkipValue(ref reader);
            }
        }

        JsonFieldReader.ReadEnd(ref reader);

        return new JsonDecodedRequest(
            parametersStart < 0 ? ReadOnlySequence<byte>.Empty : body.Slice(parametersStart, parametersLength),
            parameterCount)
        {
            ClassName = className ?? throw Missing(JsonFields.ClassName),
            MethodName = methodName ?? throw Missing(JsonFields.MethodName),
            ParameterTypes = parameterTypes ?? [],
            Version = version ?? ServiceKey.DefaultVersion,
            Group = group ?? string.Empty,
            Async = shared.Async,
            Oneway = shared.Oneway,
            Attachments = shared.Attachments,
        };
    }

    private static JsonException Missing(JsonEncodedText field) => new($"missing field '{field}'.");
}
