using BenchmarkDotNet.Attributes;
using Bhrpc.MicroBench.Infrastructure;
using Bhrpc.MicroBench.Serialization;

namespace Bhrpc.MicroBench.Dispatch;

/// <summary>
/// The whole server side of a call without a socket: request frames go into the connection's
/// input pipe, and the benchmark waits for the responses on its output pipe. That covers frame
/// parsing, decoding, method lookup, the hop to the thread pool, the call, encoding, the outbox
/// and the write loop. <see cref="RoundTrip"/> sends one call at a time;
/// <see cref="Pipelined"/> sends <see cref="Batch"/> at once and reports the time per call.
/// </summary>
/// <remarks>
/// Every call hops between thread-pool threads several times, so on 2 cores an iteration varies
/// far more than in the other benchmarks: this class runs more warm-up and measured iterations
/// than the default job, whatever job is chosen.
/// </remarks>
[MemoryDiagnoser]
[WarmupCount(6)]
[IterationCount(10)]
public class InMemoryServerBenchmarks
{
    private const int Batch = 32;

    private InMemoryServer _server = null!;
    private byte[] _one = [];
    private byte[] _batch = [];

    /// <summary>Every serializer the extension loader knows.</summary>
    public static IEnumerable<string> Serializers => SerializerCatalog.Names;

    [ParamsSource(nameof(Serializers))]
    public string Serializer { get; set; } = string.Empty;

    [Params(Payload.Echo, Payload.Order)]
    public Payload Payload { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var request = SampleCall.For(Payload).Request();
        _one = InMemoryServer.BuildRequests(Serializer, request, 1);
        _batch = InMemoryServer.BuildRequests(Serializer, request, Batch);
        _server = new InMemoryServer();

        // One call before measuring, which also checks that the server answers with a success.
        RoundTrip().AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _server.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public async ValueTask RoundTrip()
    {
        await _server.SendAsync(_one).ConfigureAwait(false);
        await _server.ReceiveAsync(1).ConfigureAwait(false);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public async ValueTask Pipelined()
    {
        await _server.SendAsync(_batch).ConfigureAwait(false);
        await _server.ReceiveAsync(Batch).ConfigureAwait(false);
    }
}
