using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Bench.Server;

/// <summary>
/// The gRPC peer's server: Grpc.AspNetCore on Kestrel (slim builder, logging off) serving
/// <see cref="BenchGrpcService"/> on an HTTP/2-only endpoint without TLS (h2c, prior knowledge).
/// </summary>
internal sealed class GrpcHost : IServerHost
{
    /// <summary>The endpoint name in the child's <c>port</c> line.</summary>
    public const string Endpoint = "grpc";

    // As for the http2 peer: S5 puts 128 callers on each connection, over Kestrel's default of 100 streams.
    private const int MaxStreamsPerConnection = 2048;

    private WebApplication? _app;

    public async Task<IReadOnlyDictionary<string, int>> StartAsync(CancellationToken cancellationToken)
    {
        ListenOptions? listen = null;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.Http2.MaxStreamsPerConnection = MaxStreamsPerConnection;
            kestrel.Listen(IPAddress.Loopback, 0, options =>
            {
                options.Protocols = HttpProtocols.Http2;
                listen = options;
            });
        });
        _app = builder.Build();
        _app.MapGrpcService<BenchGrpcService>();
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, int> { [Endpoint] = BoundPort.Of(listen) };
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await _app.StopAsync(stopping.Token).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
