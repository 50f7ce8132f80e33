using MessagePack;

namespace Bhrpc.Serialization.MessagePack;

/// <summary>Writes and reads one argument or result value by its declared type through <see cref="MessagePackSettings.Options"/>.</summary>
internal static class MessagePackValueCodec
{
    /// <summary>
    /// Writes <paramref name="value"/> as <paramref name="declared"/> (its runtime type when that is null); null and
    /// a <see cref="void"/> result are nil.
    /// </summary>
    public static void Write(ref MessagePackWriter writer, object? value, Type? declared, MessagePackValueName what)
    {
        if (value is null || declared == typeof(void))
        {
            writer.WriteNil();
            return;
        }

        var type = declared ?? value.GetType();
        if (!type.IsInstanceOfType(value))
        {
            throw new RpcException(RpcStatusCode.Serialization, $"{what} is a {value.GetType()}, not the declared {type}.");
        }

        try
        {
            MessagePackSerializer.Serialize(type, ref writer, value, MessagePackSettings.Options);
        }
        catch (MessagePackSerializationException e)
        {
            throw new RpcException(
                RpcStatusCode.Serialization,
                $"could not write {what} as {type}: {Innermost(e).Message} Expected a type {MessagePackSettings.Carries}.",
                e);
        }
    }

    /// <summary>
    /// Reads the value the reader is on as <paramref name="declared"/>, and only as that type; nil is null, even for a
    /// value type (the caller decides what a null means).
    /// </summary>
    public static object? Read(ref MessagePackReader reader, Type declared, MessagePackValueName what)
    {
        try
        {
            return reader.TryReadNil() ? null : MessagePackSerializer.Deserialize(declared, ref reader, MessagePackSettings.Options);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw new RpcException(
                RpcStatusCode.Serialization,
                $"{what} is not a valid {declared}: {Innermost(e).Message} Expected a value of the declared type; {MessagePackSettings.Carries}.",
                e);
        }
    }

    /// <summary>
    /// Skips one value of any shape without recursion, so a deeply nested value cannot exhaust the stack before phase
    /// two reads it with the depth limit of <see cref="MessagePackSecurity.UntrustedData"/>.
    /// </summary>
    public static void Skip(ref MessagePackReader reader)
    {
        long remaining = 1;
        while (remaining > 0)
        {
            remaining--;
            switch (reader.NextMessagePackType)
            {
                case MessagePackType.Array:
                    remaining += reader.ReadArrayHeader();
                    break;
                case MessagePackType.Map:
                    remaining += 2L * reader.ReadMapHeader();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
