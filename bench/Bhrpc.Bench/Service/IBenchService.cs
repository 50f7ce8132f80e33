using StreamJsonRpc;

namespace Bhrpc.Bench.Service;

/// <summary>
/// The service every system serves. Async methods, so many callers share one connection
/// without a thread each; bhrpc names methods on the wire, so both sides use this interface.
/// StreamJsonRpc's contract attribute gives that peer its source-generated proxy (its fastest);
/// it changes nothing for the other systems.
/// </summary>
// StreamJsonRpc0008 asks for a PolyType shape, which only the Nerdbank.MessagePack formatter uses; this peer
// runs MessagePackFormatter (MessagePack-CSharp), as its issue says.
#pragma warning disable StreamJsonRpc0008
[JsonRpcContract]
public partial interface IBenchService
#pragma warning restore StreamJsonRpc0008
{
    /// <summary>Returns <paramref name="text"/> (S1, S2, S5).</summary>
    Task<string> EchoAsync(string text);

    /// <summary>Returns <paramref name="order"/> (S3).</summary>
    Task<BenchOrder> EchoOrderAsync(BenchOrder order);

    /// <summary>Returns <paramref name="data"/> (S4).</summary>
    Task<byte[]> EchoBytesAsync(byte[] data);
}
