using Google.Protobuf;

namespace Bhrpc.Serialization.Protobuf;

/// <summary>Turns one argument or result into a <see cref="ProtobufValue"/> by its declared type, and back.</summary>
internal static class ProtobufValueCodec
{
    /// <summary>Encodes <paramref name="value"/> as <paramref name="declared"/> (its runtime type when null); null is an absent <c>data</c>.</summary>
    public static ProtobufValue Write(object? value, Type? declared, string what)
    {
        var encoded = new ProtobufValue();
        if (value is null)
        {
            return encoded;
        }

        var codec = ProtobufTypeCodec.For(declared ?? value.GetType());
        if (!codec.Type.IsInstanceOfType(value))
        {
            throw new RpcException(
                RpcStatusCode.Serialization,
                $"{what} is a {value.GetType()}, not the declared {codec.Type}.");
        }

        encoded.Data = codec.Encode(value);
        return encoded;
    }

    /// <summary>Decodes <paramref name="value"/> as <paramref name="declared"/>; only that type is ever parsed.</summary>
    public static object? Read(ProtobufValue value, Type declared, string what)
    {
        if (!value.HasData)
        {
            return null;
        }

        var codec = ProtobufTypeCodec.For(declared);
        try
        {
            return codec.Decode(value.Data);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(RpcStatusCode.Serialization, $"{what} is not a valid {declared}: {e.Message}", e);
        }
    }
}
