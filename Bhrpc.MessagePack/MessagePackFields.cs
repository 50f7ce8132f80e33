using System.Buffers;
using MessagePack;

namespace Bhrpc.Serialization.MessagePack;

/// <summary>The UTF-8 field names the bodies use as map keys, the same names as the json serializer's.</summary>
internal static class MessagePackFields
{
    /// <summary>The longest field name, in bytes (<c>parameterTypes</c>).</summary>
    private const int LongestName = 14;

    public static ReadOnlySpan<byte> ClassName => "className"u8;

    public static ReadOnlySpan<byte> MethodName => "methodName"u8;

    public static ReadOnlySpan<byte> ParameterTypes => "parameterTypes"u8;

    public static ReadOnlySpan<byte> Parameters => "parameters"u8;

    public static ReadOnlySpan<byte> Version => "version"u8;

    public static ReadOnlySpan<byte> Group => "group"u8;

    public static ReadOnlySpan<byte> Async => "async"u8;

    public static ReadOnlySpan<byte> Oneway => "oneway"u8;

    public static ReadOnlySpan<byte> Attachments => "attachments"u8;

    public static ReadOnlySpan<byte> Result => "result"u8;

    public static ReadOnlySpan<byte> Error => "error"u8;

    public static ReadOnlySpan<byte> ErrorType => "errorType"u8;

    /// <summary>Reads one map key and tells which field it names; a key that is not a string fails.</summary>
    public static MessagePackField ReadKey(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.String)
        {
            throw new MessagePackSerializationException($"expected a field name (a string key), found {Describe(reader.NextMessagePackType)}.");
        }

        var key = reader.ReadStringSequence()!.Value;
        if (key.IsSingleSegment)
        {
            return Identify(key.FirstSpan);
        }

        if (key.Length > LongestName)
        {
            return MessagePackField.Unknown;
        }

        Span<byte> copy = stackalloc byte[LongestName];
        key.CopyTo(copy);
        return Identify(copy[..(int)key.Length]);
    }

    /// <summary>A value type as a message names it: "a map", "an integer", ...</summary>
    public static string Describe(MessagePackType type) => type switch
    {
        MessagePackType.Integer => "an integer",
        MessagePackType.Nil => "nil",
        MessagePackType.Boolean => "a boolean",
        MessagePackType.Float => "a float",
        MessagePackType.String => "a string",
        MessagePackType.Binary => "binary data",
        MessagePackType.Array => "an array",
        MessagePackType.Map => "a map",
        MessagePackType.Extension => "an extension value",
        _ => "an unknown type code",
    };

    private static MessagePackField Identify(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual(ClassName))
        {
            return MessagePackField.ClassName;
        }

        if (name.SequenceEqual(MethodName))
        {
            return MessagePackField.MethodName;
        }

        if (name.SequenceEqual(ParameterTypes))
        {
            return MessagePackField.ParameterTypes;
        }

        if (name.SequenceEqual(Parameters))
        {
            return MessagePackField.Parameters;
        }

        if (name.SequenceEqual(Version))
        {
            return MessagePackField.Version;
        }

        if (name.SequenceEqual(Group))
        {
            return MessagePackField.Group;
        }

        if (name.SequenceEqual(Async))
        {
            return MessagePackField.Async;
        }

        if (name.SequenceEqual(Oneway))
        {
            return MessagePackField.Oneway;
        }

        if (name.SequenceEqual(Attachments))
        {
            return MessagePackField.Attachments;
        }

        if (name.SequenceEqual(Result))
        {
            return MessagePackField.Result;
        }

        if (name.SequenceEqual(Error))
        {
            return MessagePackField.Error;
        }

        return name.SequenceEqual(ErrorType) ? MessagePackField.ErrorType : MessagePackField.Unknown;
    }
}
