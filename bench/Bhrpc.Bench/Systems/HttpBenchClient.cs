using Bhrpc.Bench.Measurement;
using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Server;
using Bhrpc.Bench.Service;

namespace Bhrpc.Bench.Systems;

/// <summary>HTTP clients for one scenario; caller <c>i</c> uses client <c>i % clients</c>.</summary>
internal sealed class HttpBenchClient(Scenario scenario, IReadOnlyList<HttpClient> clients, Uri baseAddress) : IBenchClient
{
    public ICaller CreateCaller(int index)
    {
        var calls = new HttpCalls(clients[index % clients.Count], baseAddress, scenario.PayloadBytes);
        return scenario.Kind switch
        {
            WorkloadKind.Echo => new Caller<string>(calls.EchoAsync, echoed => echoed.Length == Payloads.Text.Length, $"POST {HttpEndpoints.Echo}"),
            WorkloadKind.Order => new Caller<BenchOrder?>(calls.EchoOrderAsync, Payloads.IsOrder, $"POST {HttpEndpoints.Order}"),
            WorkloadKind.Bytes => new Caller<byte[]>(calls.EchoBytesAsync, echoed => echoed.Length == scenario.PayloadBytes, $"POST {HttpEndpoints.Bytes}"),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario.Kind, "unknown workload"),
        };
    }

    /// <summary>One checked call on each client.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        foreach (var client in clients)
        {
            var echoed = await new HttpCalls(client, baseAddress, 0).EchoAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (echoed != Payloads.Text)
            {
                throw new InvalidDataException($"http check: sent '{Payloads.Text}', got '{echoed}'.");
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
