using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Bhrpc.Bench.Server;

/// <summary>
/// The raw baseline's server: Kestrel with nothing but a connection handler that echoes frames
/// (<see cref="RawEchoHandler"/>). No routing, no RPC layer, no logging.
/// </summary>
internal sealed class RawEchoHost : IServerHost
{
    /// <summary>The endpoint name in the child's <c>port</c> line.</summary>
    public const string Endpoint = "raw";

    private WebApplication? _app;

    public async Task<IReadOnlyDictionary<string, int>> StartAsync(CancellationToken cancellationToken)
    {
        ListenOptions? listen = null;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, options =>
            {
                listen = options;
                options.Run(RawEchoHandler.RunAsync);
            });
        });
        _app = builder.Build();
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
