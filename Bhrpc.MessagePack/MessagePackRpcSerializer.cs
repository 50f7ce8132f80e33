using System.Buffers;
using Bhrpc.Extensions;
using Bhrpc.Protocol;
using MessagePack;

namespace Bhrpc.Serialization.MessagePack;

/// <summary>
/// The <c>msgpack</c> serializer, for .NET to .NET calls: bodies are msgpack maps with the
/// protocol's field names, and each argument or result is MessagePack-CSharp's encoding of its
/// declared type through the <c>StandardResolver</c> with <see cref="MessagePackSecurity.UntrustedData"/>:
/// primitives, <c>string</c>, <c>byte[]</c>, <c>decimal</c>, <c>DateTime</c>, <c>Guid</c>, enums,
/// arrays and collections of those, and types marked <c>[MessagePackObject]</c> (or
/// <c>[DataContract]</c>). Arguments and the result are read in phase two, by the declared types
/// only, and never with the typeless resolver, so a body can never make the process construct a
/// type it did not declare; a value declared <see cref="object"/> is read as msgpack's primitive
/// forms (numbers, strings, <c>object[]</c>, <c>Dictionary&lt;object, object&gt;</c>).
/// </summary>
/// <remarks>
/// Instances are stateless and thread-safe. A decoded request or response refers to the frame's
/// buffers until phase two. When a write throws, the output may hold part of a body: discard it.
/// </remarks>
[SpiClass(Name)]
public sealed class MessagePackRpcSerializer : IRpcSerializer
{
    /// <summary>The extension name, <c>msgpack</c>.</summary>
    public const string Name = "msgpack";

    /// <inheritdoc />
    /// <exception cref="RpcException">An argument cannot be written as its declared type (<see cref="RpcStatusCode.Serialization"/>).</exception>
    public void WriteRequest(RpcRequest request, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new MessagePackWriter(output);
        MessagePackBodyWriter.WriteRequest(ref writer, request);
        writer.Flush();
    }

    /// <inheritdoc />
    /// <exception cref="RpcException">The body is not a valid request (<see cref="RpcStatusCode.Serialization"/>).</exception>
    public DecodedRequest ReadRequest(in ReadOnlySequence<byte> body)
    {
        try
        {
            return MessagePackBodyReader.ReadRequest(body);
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException)
        {
            throw Invalid("request", e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="RpcException">The result cannot be written as its declared type (<see cref="RpcStatusCode.Serialization"/>).</exception>
    public void WriteResponse(RpcResponse response, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new MessagePackWriter(output);
        MessagePackBodyWriter.WriteResponse(ref writer, response);
        writer.Flush();
    }

    /// <inheritdoc />
    /// <exception cref="RpcException">The body is not a valid response (<see cref="RpcStatusCode.Serialization"/>).</exception>
    public DecodedResponse ReadResponse(in ReadOnlySequence<byte> body)
    {
        try
        {
            return MessagePackBodyReader.ReadResponse(body);
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException)
        {
            throw Invalid("response", e);
        }
    }

    private static RpcException Invalid(string what, Exception e) => new(
        RpcStatusCode.Serialization,
        e is EndOfStreamException
            ? $"msgpack body is not a valid {what}: it ends inside a value (expected a complete msgpack map of the {what}'s fields)."
            : $"msgpack body is not a valid {what}: {e.Message}",
        e);
}
