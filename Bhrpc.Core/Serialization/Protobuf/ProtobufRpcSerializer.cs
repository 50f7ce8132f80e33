using System.Buffers;
using Bhrpc.Extensions;
using Bhrpc.Protocol;
using Google.Protobuf;
using Google.Protobuf.Collections;

namespace Bhrpc.Serialization.Protobuf;

/// <summary>
/// The <c>protobuf</c> serializer: bodies are protobuf envelope messages with the request and
/// response fields of the protocol, and each argument or result is carried as the bytes of its
/// declared type: a Google.Protobuf generated <see cref="IMessage"/> as itself, <c>bool</c>,
/// <c>int</c>, <c>uint</c>, <c>long</c>, <c>ulong</c>, <c>float</c>, <c>double</c>, <c>string</c>
/// and <c>byte[]</c> (and nullable primitives) as the matching well-known wrapper message, and
/// null as an absent value. Any other type fails with <see cref="RpcStatusCode.Serialization"/>.
/// Arguments and the result are read in phase two, by the declared types only, so a body can
/// never make the process construct a type it did not declare.
/// </summary>
/// <remarks>
/// Instances are stateless and thread-safe; message parsers are looked up once per type. The
/// protobuf runtime copies the arguments' bytes out of the frame while reading the envelope, so a
/// decoded request does not refer to the frame's buffers.
/// </remarks>
[SpiClass("protobuf")]
public sealed class ProtobufRpcSerializer : IRpcSerializer
{
    /// <inheritdoc />
    /// <exception cref="RpcException">An argument's type is not one protobuf carries (<see cref="RpcStatusCode.Serialization"/>).</exception>
    public void WriteRequest(RpcRequest request, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var envelope = new ProtobufRequestEnvelope
        {
            ClassName = request.ClassName,
            MethodName = request.MethodName,
            ParameterTypes = { request.ParameterTypes },
            Version = request.Version,
            Group = request.Group,
            Async = request.Async,
            Oneway = request.Oneway,
        };
        var declared = request.ParameterClrTypes;
        if (declared is not null && declared.Length != request.Parameters.Length)
        {
            throw new RpcException(
                RpcStatusCode.Serialization,
                $"{request.ClassName}.{request.MethodName} has {request.Parameters.Length} arguments but {declared.Length} declared types.");
        }

        for (var i = 0; i < request.Parameters.Length; i++)
        {
            envelope.Parameters.Add(ProtobufValueCodec.Write(
                request.Parameters[i], declared?[i], $"argument {i} of {request.ClassName}.{request.MethodName}"));
        }

        CopyAttachments(request.Attachments, envelope.Attachments);

        envelope.WriteTo(output);
    }

    /// <inheritdoc />
    /// <exception cref="RpcException">The body is not a valid request (<see cref="RpcStatusCode.Serialization"/>).</exception>
    public DecodedRequest ReadRequest(in ReadOnlySequence<byte> body)
    {
        var envelope = Parse(ProtobufRequestEnvelope.Parser, body, "request");

        // proto3 cannot tell an empty string from a missing one: both mean the field is missing.
        if (envelope.ClassName.Length == 0 || envelope.MethodName.Length == 0)
        {
            throw new RpcException(
                RpcStatusCode.Serialization,
                $"protobuf body is not a valid request: missing field '{(envelope.ClassName.Length == 0 ? "className" : "methodName")}'.");
        }

        return new ProtobufDecodedRequest(envelope.Parameters)
        {
            ClassName = envelope.ClassName,
            MethodName = envelope.MethodName,
            ParameterTypes = [.. envelope.ParameterTypes],
            Version = envelope.HasVersion ? envelope.Version : ServiceKey.DefaultVersion,
            Group = envelope.Group,
            Async = envelope.Async,
            Oneway = envelope.Oneway,
            Attachments = envelope.Attachments.Count == 0 ? null : new Dictionary<string, string>(envelope.Attachments, StringComparer.Ordinal),
        };
    }

    /// <inheritdoc />
    /// <exception cref="RpcException">The result's type is not one protobuf carries (<see cref="RpcStatusCode.Serialization"/>).</exception>
    public void WriteResponse(RpcResponse response, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(output);
        var envelope = new ProtobufResponseEnvelope
        {
            Async = response.Async,
            Oneway = response.Oneway,
        };
        if (response.Error is not null)
        {
            envelope.Error = response.Error;
        }

        if (response.ErrorType is not null)
        {
            envelope.ErrorType = response.ErrorType;
        }

        CopyAttachments(response.Attachments, envelope.Attachments);

        // A success always carries a result (void and null are a value without data), so that
        // no valid response is an empty body and an empty body can be refused.
        if (response.Error is null || response.Result is not null)
        {
            envelope.Result = response.ResultClrType == typeof(void)
                ? new ProtobufValue()
                : ProtobufValueCodec.Write(response.Result, response.ResultClrType, "the result");
        }

        envelope.WriteTo(output);
    }

    /// <inheritdoc />
    /// <exception cref="RpcException">The body is not a valid response (<see cref="RpcStatusCode.Serialization"/>).</exception>
    public DecodedResponse ReadResponse(in ReadOnlySequence<byte> body)
    {
        var envelope = Parse(ProtobufResponseEnvelope.Parser, body, "response");
        if (!envelope.HasError && envelope.Result is null)
        {
            throw new RpcException(RpcStatusCode.Serialization, "protobuf body is not a valid response: it has neither 'error' nor 'result'.");
        }

        return new ProtobufDecodedResponse(envelope.Result)
        {
            Error = envelope.HasError ? envelope.Error : null,
            ErrorType = envelope.HasErrorType ? envelope.ErrorType : null,
            Async = envelope.Async,
            Oneway = envelope.Oneway,
            Attachments = envelope.Attachments.Count == 0 ? null : new Dictionary<string, string>(envelope.Attachments, StringComparer.Ordinal),
        };
    }

    private static void CopyAttachments(IReadOnlyDictionary<string, string>? attachments, MapField<string, string> target)
    {
        if (attachments is null)
        {
            return;
        }

        foreach (var (key, value) in attachments)
        {
            // protobuf maps refuse null; an attachment without a value travels as empty.
            target[key] = value ?? string.Empty;
        }
    }

    private static T Parse<T>(MessageParser<T> parser, in ReadOnlySequence<byte> body, string what)
        where T : IMessage<T>
    {
        if (body.IsEmpty)
        {
            throw new RpcException(RpcStatusCode.Serialization, $"protobuf body is not a valid {what}: the body is empty.");
        }

        try
        {
            return parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(RpcStatusCode.Serialization, $"protobuf body is not a valid {what}: {e.Message}", e);
        }
    }
}
