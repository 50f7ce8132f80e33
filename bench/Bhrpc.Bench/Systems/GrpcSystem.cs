using System.Net;
using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Server;
using Grpc.Net.Client;

namespace Bhrpc.Bench.Systems;

/// <summary>
/// grpc-dotnet unary calls over h2c against <see cref="GrpcHost"/>: one <see cref="GrpcChannel"/> per connection
/// the scenario asks for, each on its own <see cref="SocketsHttpHandler"/> that keeps to a single HTTP/2
/// connection (no extra connections when the streams run out), no deadline on calls (the runner bounds them).
/// </summary>
internal sealed class GrpcSystem : IBenchSystem
{
    public string Name => SystemCatalog.Grpc;

    public async Task<IBenchClient> ConnectAsync(IReadOnlyDictionary<string, int> ports, Scenario scenario, CancellationToken cancellationToken)
    {
        var address = new Uri($"http://127.0.0.1:{ports[GrpcHost.Endpoint]}");
        var channels = Enumerable.Range(0, scenario.Connections).Select(_ => CreateChannel(address)).ToList();
        var client = new GrpcBenchClient(scenario, channels);
        try
        {
            await client.CheckAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static GrpcChannel CreateChannel(Uri address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        },
        DisposeHttpClient = true,
        MaxReceiveMessageSize = 8 * 1024 * 1024,
        MaxSendMessageSize = 8 * 1024 * 1024,
    });
}
