using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bhrpc.Server.Internal;

/// <summary>
/// Kestrel's socket transport and connection lifetime without any host: no <c>IHost</c>, so no
/// console lifetime that takes SIGTERM or Ctrl+C, and no HTTP. One endpoint, run by a bhrpc
/// connection handler.
/// </summary>
internal sealed class KestrelListener : IAsyncDisposable
{
    private readonly KestrelServer _kestrel;
    private readonly ServiceProvider _services;

    private KestrelListener(KestrelServer kestrel, ServiceProvider services, int port)
    {
        _kestrel = kestrel;
        _services = services;
        Port = port;
    }

    /// <summary>The bound port (the ephemeral one when port 0 was asked for).</summary>
    public int Port { get; }

    /// <summary>Binds <paramref name="endpoint"/> and serves it with <paramref name="handler"/>.</summary>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: the address cannot be bound (in use, not local, not allowed).</exception>
    public static async Task<KestrelListener> StartAsync(IPEndPoint endpoint, ConnectionHandler handler, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        // Kestrel builds each endpoint's connection pipeline from these services; the handler needs none.
        var services = new ServiceCollection().AddSingleton(loggerFactory).BuildServiceProvider();
        var options = new KestrelServerOptions { AddServerHeader = false, ApplicationServices = services };
        options.Listen(endpoint, listen => listen.Run(handler.OnConnectedAsync));
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggerFactory);
        var kestrel = new KestrelServer(Options.Create(options), transport, loggerFactory);
        try
        {
            await kestrel.StartAsync(new NoHttpApplication(), cancellationToken).ConfigureAwait(false);
            return new KestrelListener(kestrel, services, BoundPort(kestrel));
        }
        catch (Exception e)
        {
            kestrel.Dispose();
            await services.DisposeAsync().ConfigureAwait(false);
            if (BindFailure(endpoint, e) is { } failure)
            {
                throw failure;
            }

            throw;
        }
    }

    /// <summary>Stops accepting and closes what Kestrel still holds, within <paramref name="cancellationToken"/>.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _kestrel.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _kestrel.Dispose();
        await _services.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A one-line failure for a bind that the socket refused; null when <paramref name="e"/> is something else.</summary>
    private static RpcException? BindFailure(IPEndPoint endpoint, Exception e)
    {
        for (var cause = e; cause is not null; cause = cause.InnerException)
        {
            if (cause is AddressInUseException || cause is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                // No inner exception: the message says everything, and a start failure should read as one line.
                return new RpcException(
                    RpcStatusCode.Configuration,
                    $"cannot listen on {endpoint}: the address is already in use; stop the other process or choose another ServerOptions.Port (0 picks a free one).");
            }

            if (cause is SocketException socket)
            {
                return new RpcException(
                    RpcStatusCode.Configuration,
                    $"cannot listen on {endpoint}: {socket.Message} ({socket.SocketErrorCode}); check ServerOptions.Host (an address of this machine, or 0.0.0.0) and ServerOptions.Port.");
            }
        }

        return null;
    }

    private static int BoundPort(KestrelServer kestrel)
    {
        var first = kestrel.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new RpcException(RpcStatusCode.Configuration, "Kestrel reported no bound address.");
        return new Uri(first.Replace("://+", "://0.0.0.0", StringComparison.Ordinal)).Port;
    }
}
