using System.Text.Json;

namespace Bhrpc.Serialization.Json;

/// <summary>
/// The wire field names of request and response bodies (PROTOCOL.md), pre-encoded once. They
/// are ASCII, so <see cref="JsonEncodedText.EncodedUtf8Bytes"/> is also what a reader compares
/// property names with.
/// </summary>
internal static class JsonFields
{
    public static readonly JsonEncodedText ClassName = JsonEncodedText.Encode("className");
    public static readonly JsonEncodedText MethodName = JsonEncodedText.Encode("methodName");
    public static readonly JsonEncodedText ParameterTypes = JsonEncodedText.Encode("parameterTypes");
    public static readonly JsonEncodedText Parameters = JsonEncodedText.Encode("parameters");
    public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    public static readonly JsonEncodedText Group = JsonEncodedText.Encode("group");
    public static readonly JsonEncodedText Async = JsonEncodedText.Encode("async");
    public static readonly JsonEncodedText Oneway = JsonEncodedText.Encode("oneway");
    public static readonly JsonEncodedText Attachments = JsonEncodedText.Encode("attachments");
    public static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    public static readonly JsonEncodedText ErrorType = JsonEncodedText.Encode("errorType");
    public static readonly JsonEncodedText Result = JsonEncodedText.Encode("result");
}
