using Bhrpc.Protocol;
using MessagePack;

namespace Bhrpc.Serialization.MessagePack;

/// <summary>
/// Writes request and response bodies as one msgpack map each, keyed by the protocol's field names
/// (PROTOCOL.md) in a fixed order; <c>attachments</c> only when there are some, <c>error</c> and
/// <c>errorType</c> only when set.
/// </summary>
internal static class MessagePackBodyWriter
{
    public static void WriteRequest(ref MessagePackWriter writer, RpcRequest request)
    {
        var parameters = request.Parameters;
        var declared = request.ParameterClrTypes;
        if (declared is not null && declared.Length != parameters.Length)
        {
            throw new RpcException(
                RpcStatusCode.Serialization,
                $"request {request.ClassName}.{request.MethodName} has {parameters.Length} arguments but {declared.Length} ParameterClrTypes: give one declared type per argument, or none.");
        }

        var attachments = request.Attachments is { Count: > 0 } some ? some : null;
        writer.WriteMapHeader(attachments is null ? 8 : 9);

        writer.WriteString(MessagePackFields.ClassName);
        writer.Write(request.ClassName);
        writer.WriteString(MessagePackFields.MethodName);
        writer.Write(request.MethodName);

        writer.WriteString(MessagePackFields.ParameterTypes);
        writer.WriteArrayHeader(request.ParameterTypes.Length);
        foreach (var typeName in request.ParameterTypes)
        {
            writer.Write(typeName);
        }

        writer.WriteString(MessagePackFields.Parameters);
        writer.WriteArrayHeader(parameters.Length);
        for (var i = 0; i < parameters.Length; i++)
        {
            MessagePackValueCodec.Write(ref writer, parameters[i], declared?[i], MessagePackValueName.Argument(request.ClassName, request.MethodName, i));
        }

        writer.WriteString(MessagePackFields.Version);
        writer.Write(request.Version);
        writer.WriteString(MessagePackFields.Group);
        writer.Write(request.Group);
        writer.WriteString(MessagePackFields.Async);
        writer.Write(request.Async);
        writer.WriteString(MessagePackFields.Oneway);
        writer.Write(request.Oneway);
        if (attachments is not null)
        {
            WriteAttachments(ref writer, attachments);
        }
    }

    public static void WriteResponse(ref MessagePackWriter writer, RpcResponse response)
    {
        var attachments = response.Attachments is { Count: > 0 } some ? some : null;
        writer.WriteMapHeader(3 + (response.Error is null ? 0 : 1) + (response.ErrorType is null ? 0 : 1) + (attachments is null ? 0 : 1));
        if (response.Error is { } error)
        {
            writer.WriteString(MessagePackFields.Error);
            writer.Write(error);
        }

        // Always present (nil for void and null), so a success is never a map without 'result'.
        writer.WriteString(MessagePackFields.Result);
        MessagePackValueCodec.Write(ref writer, response.Result, response.ResultClrType, MessagePackValueName.Result);

        writer.WriteString(MessagePackFields.Async);
        writer.Write(response.Async);
        writer.WriteString(MessagePackFields.Oneway);
        writer.Write(response.Oneway);
        if (response.ErrorType is { } errorType)
        {
            writer.WriteString(MessagePackFields.ErrorType);
            writer.Write(errorType);
        }

        if (attachments is not null)
        {
            WriteAttachments(ref writer, attachments);
        }
    }

    private static void WriteAttachments(ref MessagePackWriter writer, IReadOnlyDictionary<string, string> attachments)
    {
        writer.WriteString(MessagePackFields.Attachments);
        writer.WriteMapHeader(attachments.Count);
        foreach (var (key, value) in attachments)
        {
            writer.Write(key);

            // An attachment without a value travels as empty, as with protobuf.
            writer.Write(value ?? string.Empty);
        }
    }
}
