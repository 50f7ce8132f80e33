using Bhrpc.Bench.Measurement;
using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Service;
using StreamJsonRpc;

namespace Bhrpc.Bench.Systems;

/// <summary>StreamJsonRpc connections and proxies for one scenario; caller <c>i</c> uses connection <c>i % Connections</c>.</summary>
internal sealed class StreamJsonRpcClient(Scenario scenario, IReadOnlyList<JsonRpc> connections, IReadOnlyList<IBenchService> proxies) : IBenchClient
{
    public ICaller CreateCaller(int index)
    {
        var proxy = proxies[scenario.ConnectionOf(index)];
        switch (scenario.Kind)
        {
            case WorkloadKind.Echo:
                var text = Payloads.Text;
                return new Caller<string>(() => new ValueTask<string>(proxy.EchoAsync(text)), echoed => echoed.Length == text.Length, "streamjsonrpc EchoAsync");
            case WorkloadKind.Order:
                var order = Payloads.Order;
                return new Caller<BenchOrder>(() => new ValueTask<BenchOrder>(proxy.EchoOrderAsync(order)), Payloads.IsOrder, "streamjsonrpc EchoOrderAsync");
            case WorkloadKind.Bytes:
                var data = Payloads.Bytes(scenario.PayloadBytes);
                return new Caller<byte[]>(() => new ValueTask<byte[]>(proxy.EchoBytesAsync(data)), echoed => echoed.Length == data.Length, "streamjsonrpc EchoBytesAsync");
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario.Kind, "unknown workload");
        }
    }

    /// <summary>One checked echo on each connection.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        foreach (var proxy in proxies)
        {
            var echoed = await proxy.EchoAsync(Payloads.Text).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (echoed != Payloads.Text)
            {
                throw new InvalidDataException($"streamjsonrpc check: sent '{Payloads.Text}', got '{echoed}'.");
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var rpc in connections)
        {
            // Disposing closes the socket and fails the calls still pending (ConnectionLostException), which ends their callers.
            rpc.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
