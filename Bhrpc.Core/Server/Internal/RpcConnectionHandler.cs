using System.Collections.Concurrent;
using Bhrpc.Internal;
using Bhrpc.Protocol;
using Bhrpc.Transport;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Server.Internal;

/// <summary>The Kestrel connection handler: runs one <see cref="ServerConnection"/> per accepted connection.</summary>
internal sealed partial class RpcConnectionHandler(ServiceDispatcher dispatcher, ServerOptions options, ILogger logger) : ConnectionHandler
{
    private readonly ConcurrentDictionary<ServerConnection, byte> _connections = new();
    private readonly TaskCompletionSource _empty = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _accepting = true;
    private int _goingAway;

    public IEnumerable<FrameConnection> Connections => _connections.Keys;

    public int Count => _connections.Count;

    /// <summary>New connections are closed as soon as they arrive.</summary>
    public void StopAccepting() => _accepting = false;

    /// <summary>
    /// Tells every consumer connection, and every one accepted from now on, that the server is going away
    /// (<see cref="MessageType.GoingAway"/>); the returned task completes once no connection is open.
    /// </summary>
    public Task GoAwayAsync()
    {
        // A full fence: a connection added after this sees the flag, one added before is in the loop below.
        Interlocked.Exchange(ref _goingAway, 1);
        foreach (var connection in _connections.Keys)
        {
            connection.GoAway();
        }

        SignalIfEmpty();
        return _empty.Task;
    }

    private void SignalIfEmpty()
    {
        if (Volatile.Read(ref _goingAway) != 0 && _connections.IsEmpty)
        {
            _empty.TrySetResult();
        }
    }

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
        if (Volatile.Read(ref _goingAway) != 0)
        {
            // A consumer that still had this address (a registry cache, a direct address) hears it at once; sent
            // before the read loop starts, so before any response on this connection.
            connection.GoAway();
        }

        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            Log.Closed(logger, remote);
            SignalIfEmpty();
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
        [LoggerMessage(LogEventIds.ConnectionHandler + 0, LogLevel.Debug, "Accepted a connection from {Remote}")]
        public static partial void Accepted(ILogger logger, string remote);

        [LoggerMessage(LogEventIds.ConnectionHandler + 1, LogLevel.Debug, "Connection from {Remote} closed")]
        public static partial void Closed(ILogger logger, string remote);

        [LoggerMessage(LogEventIds.ConnectionHandler + 2, LogLevel.Debug, "Refused a connection from {Remote}: stopping")]
        public static partial void Refused(ILogger logger, string remote);
    }
}
