using System.Buffers;
using Bhrpc.Protocol;
using MessagePack;

namespace Bhrpc.Serialization.MessagePack;

/// <summary>
/// Phase one of reading request and response bodies: one map of fields in any order, unknown
/// fields skipped, nothing after the map. The arguments and the result are checked to be whole
/// msgpack values and only their place in the body is kept. Failures are thrown as
/// <see cref="T:MessagePack.MessagePackSerializationException"/> or <see cref="EndOfStreamException"/> for the
/// serializer to report.
/// </summary>
internal static class MessagePackBodyReader
{
    public static MessagePackDecodedRequest ReadRequest(in ReadOnlySequence<byte> body)
    {
        var reader = StartMap(body, "request", out var fields);
        string? className = null;
        string? methodName = null;
        string[]? parameterTypes = null;
        string? version = null;
        string? group = null;
        var common = default(MessagePackCommonFields);
        var parameters = ReadOnlySequence<byte>.Empty;
        var parameterCount = 0;

        for (var f = 0; f < fields; f++)
        {
            var field = MessagePackFields.ReadKey(ref reader);
            switch (field)
            {
                case MessagePackField.ClassName:
                    className = ReadString(ref reader, "className", pooled: true);
                    break;
                case MessagePackField.MethodName:
                    methodName = ReadString(ref reader, "methodName", pooled: true);
                    break;
                case MessagePackField.ParameterTypes:
                    parameterTypes = ReadStringArray(ref reader, "parameterTypes");
                    break;
                case MessagePackField.Parameters:
                    parameterCount = ReadParameters(ref reader, body, out parameters);
                    break;
                case MessagePackField.Version:
                    version = ReadString(ref reader, "version", pooled: true);
                    break;
                case MessagePackField.Group:
                    group = ReadString(ref reader, "group", pooled: true);
                    break;
                default:
                    if (!common.TryRead(field, ref reader))
                    {
                        MessagePackValueCodec.Skip(ref reader);
                    }

                    break;
            }
        }

        EndOfBody(ref reader, "request");
        return new MessagePackDecodedRequest(parameters, parameterCount)
        {
            ClassName = className ?? throw Missing("className"),
            MethodName = methodName ?? throw Missing("methodName"),
            ParameterTypes = parameterTypes ?? [],
            Version = version ?? ServiceKey.DefaultVersion,
            Group = group ?? string.Empty,
            Async = common.Async,
            Oneway = common.Oneway,
            Attachments = common.Attachments,
        };
    }

    public static MessagePackDecodedResponse ReadResponse(in ReadOnlySequence<byte> body)
    {
        var reader = StartMap(body, "response", out var fields);
        string? error = null;
        string? errorType = null;
        var common = default(MessagePackCommonFields);
        var hasResult = false;
        var result = ReadOnlySequence<byte>.Empty;

        for (var f = 0; f < fields; f++)
        {
            var field = MessagePackFields.ReadKey(ref reader);
            switch (field)
            {
                case MessagePackField.Result:
                    var start = reader.Position;
                    MessagePackValueCodec.Skip(ref reader);
                    result = body.Slice(start, reader.Position);
                    hasResult = true;
                    break;
                case MessagePackField.Error:
                    error = ReadString(ref reader, "error");
                    break;
                case MessagePackField.ErrorType:
                    errorType = ReadString(ref reader, "errorType");
                    break;
                default:
                    if (!common.TryRead(field, ref reader))
                    {
                        MessagePackValueCodec.Skip(ref reader);
                    }

                    break;
            }
        }

        EndOfBody(ref reader, "response");
        if (!hasResult && error is null)
        {
            throw new MessagePackSerializationException("expected 'result' or 'error', the map has neither.");
        }

        return new MessagePackDecodedResponse(result)
        {
            Error = error,
            ErrorType = errorType,
            Async = common.Async,
            Oneway = common.Oneway,
            Attachments = common.Attachments,
        };
    }

    private static MessagePackReader StartMap(in ReadOnlySequence<byte> body, string what, out int fields)
    {
        if (body.IsEmpty)
        {
            throw new MessagePackSerializationException($"expected a map of the {what}'s fields, the body is empty.");
        }

        var reader = new MessagePackReader(body);
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            throw new MessagePackSerializationException($"expected a map of the {what}'s fields, found {MessagePackFields.Describe(reader.NextMessagePackType)}.");
        }

        fields = reader.ReadMapHeader();
        return reader;
    }

    private static void EndOfBody(ref MessagePackReader reader, string what)
    {
        if (!reader.End)
        {
            throw new MessagePackSerializationException($"expected the body to end after the {what}'s map, {reader.Sequence.Slice(reader.Position).Length} more bytes follow.");
        }
    }

    /// <summary>Checks the <c>parameters</c> array (nil is none) and returns how many values it holds and where they are.</summary>
    private static int ReadParameters(ref MessagePackReader reader, in ReadOnlySequence<byte> body, out ReadOnlySequence<byte> values)
    {
        values = ReadOnlySequence<byte>.Empty;
        if (reader.TryReadNil())
        {
            return 0;
        }

        Expect(ref reader, MessagePackType.Array, "parameters");
        var count = reader.ReadArrayHeader();
        var start = reader.Position;
        for (var i = 0; i < count; i++)
        {
            MessagePackValueCodec.Skip(ref reader);
        }

        values = body.Slice(start, reader.Position);
        return count;
    }

    /// <summary>A string field, or null for nil; <paramref name="pooled"/> for the names every request repeats.</summary>
    private static string? ReadString(ref MessagePackReader reader, string field, bool pooled = false)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        Expect(ref reader, MessagePackType.String, field);
        return pooled ? MessagePackNamePool.ReadString(ref reader) : reader.ReadString();
    }

    internal static bool ReadBoolean(ref MessagePackReader reader, string field)
    {
        Expect(ref reader, MessagePackType.Boolean, field);
        return reader.ReadBoolean();
    }

    private static string[]? ReadStringArray(ref MessagePackReader reader, string field)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        Expect(ref reader, MessagePackType.Array, field);
        var count = reader.ReadArrayHeader();
        var names = NamePool.Scratch(count);
        for (var i = 0; i < count; i++)
        {
            names[i] = ReadString(ref reader, field, pooled: true) ?? throw new MessagePackSerializationException($"expected strings in '{field}', found nil at {i}.");
        }

        return NamePool.GetArray(names, count);
    }

    internal static Dictionary<string, string>? ReadAttachments(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        Expect(ref reader, MessagePackType.Map, "attachments");
        var count = reader.ReadMapHeader();
        if (count == 0)
        {
            return null;
        }

        var attachments = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = ReadString(ref reader, "attachments") ?? throw new MessagePackSerializationException("expected string keys in 'attachments', found nil.");
            attachments[key] = ReadString(ref reader, "attachments") ?? string.Empty;
        }

        return attachments;
    }

    private static void Expect(ref MessagePackReader reader, MessagePackType type, string field)
    {
        if (reader.NextMessagePackType != type)
        {
            throw new MessagePackSerializationException($"expected {MessagePackFields.Describe(type)} for '{field}', found {MessagePackFields.Describe(reader.NextMessagePackType)}.");
        }
    }

    private static MessagePackSerializationException Missing(string field) => new($"missing field '{field}'.");
}
