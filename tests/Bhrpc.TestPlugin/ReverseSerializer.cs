using System.Buffers;
using Bhrpc.Extensions;
using Bhrpc.Protocol;
using Bhrpc.Serialization;
using Bhrpc.Serialization.Json;

namespace Bhrpc.TestPlugin;

/// <summary>
/// The <c>reverse</c> serializer, a plug-in for the extension loader's tests: a JSON body with its
/// bytes in reverse order. Uses public Bhrpc.Core APIs only.
/// </summary>
[SpiClass("reverse")]
public sealed class ReverseSerializer : IRpcSerializer
{
    private readonly JsonRpcSerializer _json = new();

    /// <inheritdoc />
    public void WriteRequest(RpcRequest request, IBufferWriter<byte> output)
    {
        var body = new ArrayBufferWriter<byte>();
        _json.WriteRequest(request, body);
        WriteReversed(body.WrittenSpan, output);
    }

    /// <inheritdoc />
    public DecodedRequest ReadRequest(in ReadOnlySequence<byte> body) => _json.ReadRequest(Reversed(body));

    /// <inheritdoc />
    public void WriteResponse(RpcResponse response, IBufferWriter<byte> output)
    {
        var body = new ArrayBufferWriter<byte>();
        _json.WriteResponse(response, body);
        WriteReversed(body.WrittenSpan, output);
    }

    /// <inheritdoc />
    public DecodedResponse ReadResponse(in ReadOnlySequence<byte> body) => _json.ReadResponse(Reversed(body));

    private static void WriteReversed(ReadOnlySpan<byte> body, IBufferWriter<byte> output)
    {
        var target = output.GetSpan(body.Length)[..body.Length];
        body.CopyTo(target);
        target.Reverse();
        output.Advance(body.Length);
    }

    private static ReadOnlySequence<byte> Reversed(in ReadOnlySequence<byte> body)
    {
        var bytes = body.ToArray();
        Array.Reverse(bytes);
        return new ReadOnlySequence<byte>(bytes);
    }
}
