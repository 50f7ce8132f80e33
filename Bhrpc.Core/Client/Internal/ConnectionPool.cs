using System.Collections.Concurrent;
using Bhrpc.Serialization;
using Bhrpc.Transport;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Client.Internal;

/// <summary>
/// One connection per provider address, shared by every reference of a client. Getting a
/// connection never waits: a new one connects on its own thread while the first requests wait in
/// its outbox. A closed connection leaves the pool at once; the next call opens a new one.
/// </summary>
internal sealed partial class ConnectionPool : IAsyncDisposable
{
    // How long disposing waits for the aborted connections to report their end.
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(string Host, int Port), ClientConnection> _connections = new();
    private readonly object _opening = new();
    private readonly ClientOptions _options;
    private readonly SerializerSet _serializers;
    private readonly SerializerEntry _pingSerializer;
    private readonly ILogger _logger;
    private readonly HeartbeatMonitor _heartbeat;
    private readonly ITimer _deadlines;
    private volatile bool _disposed;

    public ConnectionPool(ClientOptions options, SerializerSet serializers, ProviderStatsTable stats, ILogger logger)
    {
        Stats = stats;
        _options = options;
        _serializers = serializers;
        _pingSerializer = serializers.Get("json");
        _logger = logger;
        _heartbeat = new HeartbeatMonitor(options.HeartbeatInterval, options.TimeProvider, Open, static c => ((ClientConnection)c).Ping());

        // One timer for every call's timeout: a per-call timer would cost an allocation and a timer-queue entry each.
        // Synchronous callers also keep their own deadline, so they time out even when this timer's pool is starved.
        _deadlines = options.TimeProvider.CreateTimer(static s => ((ConnectionPool)s!).ExpireOverdue(), this, DeadlineTick, DeadlineTick);
    }

    /// <summary>The statistics of every address, shared with the references.</summary>
    public ProviderStatsTable Stats { get; }

    /// <summary>How often timeouts are checked; a call times out at most this much late.</summary>
    public static TimeSpan DeadlineTick { get; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Whether <see cref="DisposeAsync"/> has begun.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>Fails the calls whose timeout has passed.</summary>
    public void ExpireOverdue()
    {
        var now = _options.TimeProvider.GetTimestamp();
        foreach (var connection in _connections.Values)
        {
            connection.ExpireOverdue(now);
        }
    }

    /// <summary>The connections open or opening.</summary>
    public IEnumerable<ClientConnection> Open() => _connections.Values.Where(c => !c.IsClosing);

    /// <summary>The connection to <paramref name="host"/>:<paramref name="port"/>, started if needed; throws when the client is disposed.</summary>
    public ClientConnection Get(string host, int port, PendingCall call)
    {
        if (_connections.TryGetValue((host, port), out var existing) && !existing.IsClosing && !_disposed)
        {
            return existing;
        }

        lock (_opening)
        {
            if (_disposed)
            {
                throw Disposed(call);
            }

            var key = (host, port);
            if (_connections.TryGetValue(key, out existing) && !existing.IsClosing)
            {
                return existing;
            }

            var address = host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
            var connection = new ClientConnection(
                new ClientSocket(host, port, address, _options.ConnectTimeout, _options.TimeProvider, _logger),
                address,
                _serializers,
                _pingSerializer,
                _options.MaxFrameSize,
                _options.TimeProvider,
                _logger,
                OnClosed);
            _connections[key] = connection;
            connection.Start();
            return connection;
        }
    }

    /// <summary>The error of a call made after the client was disposed.</summary>
    public static RpcException Disposed(PendingCall call)
        => new(RpcStatusCode.Unavailable, $"{call.Context}: the client was disposed; make calls before RpcClient.DisposeAsync.");

    public async ValueTask DisposeAsync()
    {
        lock (_opening)
        {
            _disposed = true;
        }

        _heartbeat.Dispose();
        _deadlines.Dispose();
        var reason = new RpcException(RpcStatusCode.Unavailable, "the client was disposed.");
        var closing = new List<Task>();
        foreach (var connection in _connections.Values)
        {
            connection.Abort(reason);
            closing.Add(connection.Closed);
        }

        try
        {
            await Task.WhenAll(closing).WaitAsync(CloseWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Aborted connections close without waiting for their peers; one that has not is only logged.
            Log.CloseSlow(_logger, closing.Count(t => !t.IsCompleted), CloseWait.TotalMilliseconds);
        }
    }

    private void OnClosed(ClientConnection connection)
    {
        foreach (var entry in _connections)
        {
            if (entry.Value == connection)
            {
                _connections.TryRemove(entry);
            }
        }

        Log.Disconnected(_logger, connection.RemoteAddress);
    }

    private static partial class Log
    {
        [LoggerMessage(61, LogLevel.Debug, "Connection to {Address} closed")]
        public static partial void Disconnected(ILogger logger, string address);

        [LoggerMessage(62, LogLevel.Warning, "Disposing the client: {Count} connections did not close within {Milliseconds} ms")]
        public static partial void CloseSlow(ILogger logger, int count, double milliseconds);
    }
}
