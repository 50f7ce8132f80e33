using Bhrpc.Bench.Measurement;
using Bhrpc.Bench.Protos;
using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Service;
using Grpc.Net.Client;

namespace Bhrpc.Bench.Systems;

/// <summary>
/// gRPC channels for one scenario; caller <c>i</c> uses channel <c>i % Connections</c>. A call is awaited through its
/// <c>ResponseAsync</c> task and not disposed: disposing a unary call that has completed does nothing, and a wrapper
/// to dispose it would add an allocation of the bench's own to gRPC's.
/// </summary>
internal sealed class GrpcBenchClient(Scenario scenario, IReadOnlyList<GrpcChannel> channels) : IBenchClient
{
    private readonly BenchGrpc.BenchGrpcClient[] _clients = [.. channels.Select(c => new BenchGrpc.BenchGrpcClient(c))];

    public ICaller CreateCaller(int index)
    {
        var client = _clients[scenario.ConnectionOf(index)];
        switch (scenario.Kind)
        {
            case WorkloadKind.Echo:
                var text = GrpcMessages.Echo;
                return new Caller<EchoMessage>(() => new ValueTask<EchoMessage>(client.EchoAsync(text).ResponseAsync), echoed => echoed.Text.Length == Payloads.Text.Length, "grpc Echo");
            case WorkloadKind.Order:
                var order = GrpcMessages.Order;
                return new Caller<OrderMessage>(() => new ValueTask<OrderMessage>(client.EchoOrderAsync(order).ResponseAsync), GrpcMessages.IsOrder, "grpc EchoOrder");
            case WorkloadKind.Bytes:
                var data = GrpcMessages.Bytes(scenario.PayloadBytes);
                return new Caller<BytesMessage>(() => new ValueTask<BytesMessage>(client.EchoBytesAsync(data).ResponseAsync), echoed => echoed.Data.Length == data.Data.Length, "grpc EchoBytes");
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario.Kind, "unknown workload");
        }
    }

    /// <summary>One checked echo on each channel (which opens its HTTP/2 connection).</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        foreach (var client in _clients)
        {
            using var call = client.EchoAsync(GrpcMessages.Echo, cancellationToken: cancellationToken);
            var echoed = await call.ResponseAsync.ConfigureAwait(false);
            if (echoed.Text != Payloads.Text)
            {
                throw new InvalidDataException($"grpc check: sent '{Payloads.Text}', got '{echoed.Text}'.");
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var channel in channels)
        {
            channel.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
