namespace Bhrpc.Bench.Service;

/// <summary>Echoes every argument back: the benchmark measures the framework, not the service.</summary>
internal sealed class BenchService : IBenchService
{
    public Task<string> EchoAsync(string text) => Task.FromResult(text);

    public Task<BenchOrder> EchoOrderAsync(BenchOrder order) => Task.FromResult(order);

    public Task<byte[]> EchoBytesAsync(byte[] data) => Task.FromResult(data);
}
