using System.Text.Json;
using Bhrpc.Protocol;

namespace Bhrpc.Serialization.Json;

/// <summary>Writes request and response bodies field by field (PROTOCOL.md), compact, in a fixed order.</summary>
internal static class JsonBodyWriter
{
    public static void WriteRequest(Utf8JsonWriter writer, RpcRequest request)
    {
        var parameters = request.Parameters;
        var clrTypes = request.ParameterClrTypes;
        if (clrTypes is not null && clrTypes.Length != parameters.Length)
        {
            throw new RpcException(
                RpcStatusCode.Serialization,
                $"request {request.ClassName}.{request.MethodName} has {parameters.Length} arguments but {clrTypes.Length} ParameterClrTypes: give one declared type per argument, or none.");
        }

        writer.WriteStartObject();
        writer.WriteString(JsonFields.ClassName, request.ClassName);
        writer.WriteString(JsonFields.MethodName, request.MethodName);

        writer.WriteStartArray(JsonFields.ParameterTypes);
        foreach (var typeName in request.ParameterTypes)
        {
            writer.WriteStringValue(typeName);
        }

        writer.WriteEndArray();

        writer.WriteStartArray(JsonFields.Parameters);
        for (var i = 0; i < parameters.Length; i++)
        {
            var declaredType = clrTypes?[i];
            try
            {
                JsonValueCodec.Write(writer, parameters[i], declaredType);
            }
            catch (Exception e) when (e is not RpcException)
            {
                throw new RpcException(
                    RpcStatusCode.Serialization,
                    $"could not write argument {i} of {request.ClassName}.{request.MethodName} as {declaredType ?? parameters[i]?.GetType()}: {e.Message}",
                    e);
            }
        }

        writer.WriteEndArray();

        writer.WriteString(JsonFields.Version, request.Version);
        writer.WriteString(JsonFields.Group, request.Group);
        writer.WriteBoolean(JsonFields.Async, request.Async);
        writer.WriteBoolean(JsonFields.Oneway, request.Oneway);
        WriteAttachments(writer, request.Attachments);
        writer.WriteEndObject();
    }

    public static void WriteResponse(Utf8JsonWriter writer, RpcResponse response)
    {
        writer.WriteStartObject();
        if (response.Error is { } error)
        {
            writer.WriteString(JsonFields.Error, error);
        }

        writer.WritePropertyName(JsonFields.Result);
        try
        {
            JsonValueCodec.Write(writer, response.Result, response.ResultClrType);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw new RpcException(
                RpcStatusCode.Serialization,
                $"could not write the result as {response.ResultClrType ?? response.Result?.GetType()}: {e.Message}",
                e);
        }

        writer.WriteBoolean(JsonFields.Async, response.Async);
        writer.WriteBoolean(JsonFields.Oneway, response.Oneway);
        if (response.ErrorType is { } errorType)
        {
            writer.WriteString(JsonFields.ErrorType, errorType);
        }

        WriteAttachments(writer, response.Attachments);
        writer.WriteEndObject();
    }

    private static void WriteAttachments(Utf8JsonWriter writer, IReadOnlyDictionary<string, string>? attachments)
    {
        if (attachments is null)
        {
            return;
        }

        writer.WriteStartObject(JsonFields.Attachments);
        if (attachments is Dictionary<string, string> dictionary)
        {
            // The struct enumerator: no boxed enumerator on the common case.
            foreach (var (key, value) in dictionary)
            {
                writer.WriteString(key, value);
            }
        }
        else
        {
            foreach (var (key, value) in attachments)
            {
                writer.WriteString(key, value);
            }
        }

        writer.WriteEndObject();
    }
}
