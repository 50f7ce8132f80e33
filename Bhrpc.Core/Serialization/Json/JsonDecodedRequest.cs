using System.Buffers;
using System.Text.Json;

namespace Bhrpc.Serialization.Json;

/// <summary>A request body after phase one; holds the <c>parameters</c> array's bytes for phase two.</summary>
internal sealed class JsonDecodedRequest : DecodedRequest
{
    private readonly ReadOnlySequence<byte> _parameters;
    private readonly int _count;

    /// <param name="parameters">The bytes of the <c>parameters</c> array; empty when it was missing or null.</param>
    /// <param name="count">How many elements that array holds.</param>
    public JsonDecodedRequest(ReadOnlySequence<byte> parameters, int count)
    {
        _parameters = parameters;
        _count = count;
    }

    public override object?[] ReadParameters(IReadOnlyList<Type> parameterTypes)
    {
        CheckArgumentCount(parameterTypes, _count);

        if (_count == 0)
        {
            return [];
        }

        var values = new object?[_count];

        // Phase one validated the array, so this reader meets only well-formed JSON.
        var reader = new Utf8JsonReader(_parameters, JsonSettings.Reader);
        reader.Read();
        for (var i = 0; i < values.Length; i++)
        {
            var type = parameterTypes[i];
            try
            {
                reader.Read();
                values[i] = JsonValueCodec.Read(ref reader, type);
            }
            catch (Exception e) when (e is not RpcException)
            {
                throw new RpcException(
                    RpcStatusCode.Serialization,
                    $"argument {i} of {ClassName}.{MethodName} is not a valid {type}: {e.Message}",
                    e);
            }
        }

        return values;
    }
}
