using Google.Protobuf.Collections;

namespace Bhrpc.Serialization.Protobuf;

/// <summary>A request body after phase one; holds the still-encoded arguments for phase two.</summary>
internal sealed class ProtobufDecodedRequest : DecodedRequest
{
    private readonly RepeatedField<ProtobufValue> _parameters;

    public ProtobufDecodedRequest(RepeatedField<ProtobufValue> parameters)
    {
        _parameters = parameters;
    }

    public override object?[] ReadParameters(IReadOnlyList<Type> parameterTypes)
    {
        CheckArgumentCount(parameterTypes, _parameters.Count);

        var values = new object?[_parameters.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ProtobufValueCodec.Read(_parameters[i], parameterTypes[i], $"argument {i} of {ClassName}.{MethodName}");
        }

        return values;
    }
}
