using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Bench.Server;

/// <summary>
/// The HTTP baselines' server: an ASP.NET Core minimal API (slim builder, Kestrel, logging off)
/// with JSON endpoints (<see cref="HttpEndpoints"/>), on an HTTP/1.1 endpoint and a second,
/// HTTP/2-only endpoint (prior knowledge, no TLS).
/// </summary>
internal sealed class HttpHost : IServerHost
{
    /// <summary>The HTTP/1.1 endpoint's name in the child's <c>port</c> lines.</summary>
    public const string Http1Endpoint = "http1";

    /// <summary>The HTTP/2 endpoint's name in the child's <c>port</c> lines.</summary>
    public const string Http2Endpoint = "http2";

    // S5 puts 128 callers on each HTTP/2 connection; Kestrel's default of 100 streams would queue some of them.
    private const int MaxStreamsPerConnection = 2048;

    private WebApplication? _app;

    public async Task<IReadOnlyDictionary<string, int>> StartAsync(CancellationToken cancellationToken)
    {
        ListenOptions? http1 = null;
        ListenOptions? http2 = null;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.Http2.MaxStreamsPerConnection = MaxStreamsPerConnection;
            kestrel.Listen(IPAddress.Loopback, 0, options =>
            {
                options.Protocols = HttpProtocols.Http1;
                http1 = options;
            });
            kestrel.Listen(IPAddress.Loopback, 0, options =>
            {
                options.Protocols = HttpProtocols.Http2;
                http2 = options;
            });
        });
        _app = builder.Build();
        HttpEndpoints.Map(_app);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, int>
        {
            [Http1Endpoint] = BoundPort.Of(http1),
            [Http2Endpoint] = BoundPort.Of(http2),
        };
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
