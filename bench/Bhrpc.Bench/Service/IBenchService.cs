namespace Bhrpc.Bench.Service;

/// <summary>
/// The service every system serves. Async methods, so many callers share one connection
/// without a thread each; bhrpc names methods on the wire, so both sides use this interface.
/// </summary>
public interface IBenchService
{
    /// <summary>Returns <paramref name="text"/> (S1, S2, S5).</summary>
    Task<string> EchoAsync(string text);

    /// <summary>Returns <paramref name="order"/> (S3).</summary>
    Task<BenchOrder> EchoOrderAsync(BenchOrder order);

    /// <summary>Returns <paramref name="data"/> (S4).</summary>
    Task<byte[]> EchoBytesAsync(byte[] data);
}
