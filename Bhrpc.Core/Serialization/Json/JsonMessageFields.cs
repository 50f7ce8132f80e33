using System.Text.Json;

namespace Bhrpc.Serialization.Json;

/// <summary>The fields requests and responses share (Java's <c>RpcMessage</c> plus attachments): async, oneway, attachments.</summary>
internal struct JsonMessageFields
{
    public bool Async;
    public bool Oneway;
    public Dictionary<string, string>? Attachments;

    /// <summary>Reads the current property's value if it is one of the shared fields; false leaves the reader on the property name.</summary>
    public bool TryRead(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals(JsonFields.Async.EncodedUtf8Bytes))
        {
            Async = JsonFieldReader.ReadBoolean(ref reader, JsonFields.Async);
        }
        else if (reader.ValueTextEquals(JsonFields.Oneway.EncodedUtf8Bytes))
        {
            Oneway = JsonFieldReader.ReadBoolean(ref reader, JsonFields.Oneway);
        }
        else if (reader.ValueTextEquals(JsonFields.Attachments.EncodedUtf8Bytes))
        {
            Attachments = JsonFieldReader.ReadAttachments(ref reader, JsonFields.Attachments);
        }
        else
        {
            return false;
        }

        return true;
    }
}
