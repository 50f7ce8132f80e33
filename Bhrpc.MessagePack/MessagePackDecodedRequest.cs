using System.Buffers;
using MessagePack;

namespace Bhrpc.Serialization.MessagePack;

/// <summary>A request body after phase one; holds the <c>parameters</c> array's values (after its header) for phase two.</summary>
internal sealed class MessagePackDecodedRequest : DecodedRequest
{
    private readonly ReadOnlySequence<byte> _parameters;
    private readonly int _count;

    /// <param name="parameters">The encoded values of the <c>parameters</c> array; empty when it was missing or nil.</param>
    /// <param name="count">How many values that array holds.</param>
    public MessagePackDecodedRequest(ReadOnlySequence<byte> parameters, int count)
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
        var reader = new MessagePackReader(_parameters);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = MessagePackValueCodec.Read(ref reader, parameterTypes[i], MessagePackValueName.Argument(ClassName, MethodName, i));
        }

        return values;
    }
}
