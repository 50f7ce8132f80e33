using System.Net;
using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Service;

namespace Bhrpc.Bench.Systems;

/// <summary>
/// ASP.NET Core over HTTP with System.Text.Json through <see cref="HttpClient"/>. HTTP/1.1 uses one
/// client that opens connections as callers need them (no per-server limit); HTTP/2 uses one
/// client, so one connection, per connection the scenario asks for.
/// </summary>
internal sealed class HttpSystem(string name, string endpoint, Version version) : IBenchSystem
{
    public string Name => name;

    public async Task<IBenchClient> ConnectAsync(IReadOnlyDictionary<string, int> ports, Scenario scenario, CancellationToken cancellationToken)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{ports[endpoint]}/");
        var count = version.Major >= 2 ? scenario.Connections : 1;
        var clients = Enumerable.Range(0, count).Select(_ => CreateClient(baseAddress)).ToList();
        var client = new HttpBenchClient(scenario, clients, baseAddress);
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

    private HttpClient CreateClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        return new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = baseAddress,
            DefaultRequestVersion = version,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }
}
