using System.Buffers;
using MessagePack;

namespace Bhrpc.Serialization.MessagePack;

/// <summary>A response body after phase one; holds the encoded <c>result</c> value for phase two.</summary>
internal sealed class MessagePackDecodedResponse : DecodedResponse
{
    private readonly ReadOnlySequence<byte> _result;

    /// <param name="result">The encoded <c>result</c> value; empty when the field was missing.</param>
    public MessagePackDecodedResponse(ReadOnlySequence<byte> result)
    {
        _result = result;
    }

    public override object? ReadResult(Type? resultType)
    {
        if (resultType is null || resultType == typeof(void) || _result.IsEmpty)
        {
            return null;
        }

        var reader = new MessagePackReader(_result);
        return MessagePackValueCodec.Read(ref reader, resultType, MessagePackValueName.Result);
    }
}
