using System.Buffers;
using System.Text.Json;
using Bhrpc.Extensions;
using Bhrpc.Protocol;

namespace Bhrpc.Serialization.Json;

/// <summary>
/// The <c>json</c> serializer, the default: bodies are JSON objects with Java bhrpc's field
/// names, written compact with System.Text.Json and read in two phases (the arguments or the
/// result only once their declared types are known). Values carry no type names: a value
/// declared <see cref="object"/> is read as a <see cref="JsonElement"/>, so a body can never make
/// the process construct a type it did not declare. Enums are written as numbers and read from
/// numbers or names; a <see cref="DateTime"/> is read from ISO 8601 or <c>yyyy-MM-dd HH:mm:ss</c>.
/// Property names of user types are written camelCase and read in any case.
/// </summary>
/// <remarks>
/// Instances are stateless and thread-safe. When a write throws, the output may hold part of a
/// body: discard it.
/// </remarks>
[SpiClass("json")]
public sealed class JsonRpcSerializer : IRpcSerializer
{
    /// <summary>Creates the serializer; every instance shares one set of System.Text.Json options and its type cache.</summary>
    public JsonRpcSerializer()
    {
    }

    /// <inheritdoc />
    /// <exception cref="RpcException">An argument cannot be written as its declared type (<see cref="RpcStatusCode.Serialization"/>).</exception>
    public void WriteRequest(RpcRequest request, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var writer = JsonWriterCache.Rent(output);
        try
        {
            JsonBodyWriter.WriteRequest(writer, request);
            writer.Flush();
        }
        finally
        {
            JsonWriterCache.Return(writer);
        }
    }

    /// <inheritdoc />
    /// <exception cref="RpcException">The body is not a valid request (<see cref="RpcStatusCode.Serialization"/>).</exception>
    public DecodedRequest ReadRequest(in ReadOnlySequence<byte> body)
    {
        try
        {
            return JsonRequestReader.Read(body);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new RpcException(RpcStatusCode.Serialization, $"json body is not a valid request: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    /// <exception cref="RpcException">The result cannot be written as its declared type (<see cref="RpcStatusCode.Serialization"/>).</exception>
    public void WriteResponse(RpcResponse response, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(output);
        var writer = JsonWriterCache.Rent(output);
        try
        {
            JsonBodyWriter.WriteResponse(writer, response);
            writer.Flush();
        }
        finally
        {
            JsonWriterCache.Return(writer);
        }
    }

    /// <inheritdoc />
    /// <exception cref="RpcException">The body is not a valid response (<see cref="RpcStatusCode.Serialization"/>).</exception>
    public DecodedResponse ReadResponse(in ReadOnlySequence<byte> body)
    {
        try
        {
            return JsonResponseReader.Read(body);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new RpcException(RpcStatusCode.Serialization, $"json body is not a valid response: {e.Message}", e);
        }
    }
}
