using System.Buffers;
using Bhrpc.Extensions;
using Bhrpc.Protocol;

namespace Bhrpc.Serialization;

/// <summary>
/// Extension point <c>serializer</c>: turns request and response bodies into bytes and back.
/// The name in the frame header picks the serializer per frame. Implementations are marked
/// <see cref="SpiClassAttribute"/>; a serializer name is 1..16 ASCII letters or digits and never
/// ends in <c>0</c>.
/// </summary>
[Spi("json")]
public interface IRpcSerializer
{
    /// <summary>Writes a request body.</summary>
    void WriteRequest(RpcRequest request, IBufferWriter<byte> output);

    /// <summary>Phase one of reading a request body; see <see cref="DecodedRequest"/>.</summary>
    DecodedRequest ReadRequest(in ReadOnlySequence<byte> body);

    /// <summary>Writes a response body.</summary>
    void WriteResponse(RpcResponse response, IBufferWriter<byte> output);

    /// <summary>Phase one of reading a response body; see <see cref="DecodedResponse"/>.</summary>
    DecodedResponse ReadResponse(in ReadOnlySequence<byte> body);
}
