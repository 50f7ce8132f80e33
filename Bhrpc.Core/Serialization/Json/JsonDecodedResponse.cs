using System.Buffers;
using System.Text.Json;

namespace Bhrpc.Serialization.Json;

/// <summary>A response body after phase one; holds the <c>result</c> value's bytes for phase two.</summary>
internal sealed class JsonDecodedResponse : DecodedResponse
{
    private readonly ReadOnlySequence<byte> _result;

    /// <param name="result">The bytes of the <c>result</c> value; empty when the field was missing.</param>
    public JsonDecodedResponse(ReadOnlySequence<byte> result)
    {
        _result = result;
    }

    public override object? ReadResult(Type? resultType)
    {
        if (resultType is null || resultType == typeof(void) || _result.IsEmpty)
        {
            return null;
        }

        var reader = new Utf8JsonReader(_result, JsonSettings.Reader);
        try
        {
            reader.Read();

            // null stays null even for a value type: the caller decides what a null result means.
            return reader.TokenType == JsonTokenType.Null ? null : JsonValueCodec.Read(ref reader, resultType);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw new RpcException(RpcStatusCode.Serialization, $"the result is not a valid {resultType}: {e.Message}", e);
        }
    }
}
