namespace Bhrpc.Serialization.Protobuf;

/// <summary>A response body after phase one; holds the still-encoded result for phase two.</summary>
internal sealed class ProtobufDecodedResponse : DecodedResponse
{
    private readonly ProtobufValue? _result;

    /// <param name="result">The encoded result; null when a failure carries none.</param>
    public ProtobufDecodedResponse(ProtobufValue? result)
    {
        _result = result;
    }

    public override object? ReadResult(Type? resultType)
    {
        if (resultType is null || resultType == typeof(void) || _result is null)
        {
            return null;
        }

        // null stays null even for a value type: the caller decides what a null result means.
        return ProtobufValueCodec.Read(_result, resultType, "the result");
    }
}
