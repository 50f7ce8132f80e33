using Bhrpc.Bench.Measurement;
using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Service;

namespace Bhrpc.Bench.Systems;

/// <summary>bhrpc clients and proxies for one scenario; caller <c>i</c> uses proxy <c>i % Connections</c>.</summary>
internal sealed class BhrpcClient(Scenario scenario, IReadOnlyList<RpcClient> clients, IReadOnlyList<IBenchService> proxies, IReadOnlyList<IBenchSyncService> syncProxies) : IBenchClient
{
    public ICaller CreateCaller(int index)
    {
        var proxy = proxies[scenario.ConnectionOf(index)];
        switch (scenario.Kind)
        {
            case WorkloadKind.Echo:
                var text = Payloads.Text;
                return new Caller<string>(() => new ValueTask<string>(proxy.EchoAsync(text)), echoed => echoed.Length == text.Length, "EchoAsync");
            case WorkloadKind.Order:
                var order = Payloads.Order;
                return new Caller<BenchOrder>(() => new ValueTask<BenchOrder>(proxy.EchoOrderAsync(order)), Payloads.IsOrder, "EchoOrderAsync");
            case WorkloadKind.Bytes:
                var data = Payloads.Bytes(scenario.PayloadBytes);
                return new Caller<byte[]>(() => new ValueTask<byte[]>(proxy.EchoBytesAsync(data)), echoed => echoed.Length == data.Length, "EchoBytesAsync");
            case WorkloadKind.SyncEcho:
                var syncProxy = syncProxies[scenario.ConnectionOf(index)];
                var line = Payloads.Text;
                return new PoolThreadCaller(new Caller<string>(() => new ValueTask<string>(syncProxy.Echo(line)), echoed => echoed.Length == line.Length, "Echo"));
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario.Kind, "unknown workload");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }
}
