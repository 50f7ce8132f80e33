using System.Collections.Concurrent;
using Bhrpc.Transport;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Server.Internal;

/// <summary>The Kestrel connection handler: runs one <see cref="ServerConnection"/> per accepted connection.</summary>
internal sealed partial class RpcConnectionHandler(ServiceDispatcher dispatcher, ServerOptions options, ILogger logger) : ConnectionHandler
{
    private readonly ConcurrentDictionary<ServerConnection, byte> _connections = new();
    private volatile bool _accepting = true;

    public IEnumerable<FrameConnection> Connections => _connections.Keys;

    public int Count => _connections.Count;

    /// <summary>New connections are closed as soon as they arrive.</summary>
    public void StopAccepting() => _accepting = false;

    public override async Task OnConnectedAsync(ConnectionContext context)
    {
        var remote = context.RemoteEndPoint?.ToString() ?? context.ConnectionId;
        if (!_accepting)
        {
            Log.Refused(logger, remote);
            context.Abort(new ConnectionAbortedException("the bhrpc server is stopping."));
            return;
        }

        var connection = new ServerConnection(dispatcher, context.Transport.Input, context.Transport.Output, context.Abort, remote, options.MaxFrameSize, options.TimeProvider, logger);
        _connections.TryAdd(connection, 0);
        Log.Accepted(logger, remote);
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            Log.Closed(logger, remote);
        }
    }

    /// <summary>Closes every connection after its queued responses are written; returns when they are closed or the wait ends.</summary>
    public async Task CloseAllAsync(TimeSpan wait)
    {
        var reason = new RpcException(RpcStatusCode.Unavailable, $"server {dispatcher.Address} stopped.");
        var closing = _connections.Keys.Select(c =>
        {
            c.CloseGracefully(reason);
            return c.Closed;
        }).ToList();
        try
        {
            await Task.WhenAll(closing).WaitAsync(wait, options.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            foreach (var connection in _connections.Keys)
            {
                connection.Abort(reason);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Debug, "Accepted a connection from {Remote}")]
        public static partial void Accepted(ILogger logger, string remote);

        [LoggerMessage(31, LogLevel.Debug, "Connection from {Remote} closed")]
        public static partial void Closed(ILogger logger, string remote);

        [LoggerMessage(32, LogLevel.Debug, "Refused a connection from {Remote}: stopping")]
        public static partial void Refused(ILogger logger, string remote);
    }
}
