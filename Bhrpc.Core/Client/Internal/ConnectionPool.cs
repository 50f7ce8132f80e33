using System.Collections.Concurrent;
using Bhrpc.Cluster;
using Bhrpc.Internal;
using Bhrpc.Serialization;
using Bhrpc.Transport;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Client.Internal;

/// <summary>
/// One connection per provider address, shared by every reference of a client. Getting a
/// connection never waits: a new one connects on its own thread while the first requests wait in
/// its outbox. A closed connection leaves the pool at once; the next call opens a new one. A
/// connection attempt that fails (refused, not within the connect timeout) ejects the address for
/// <see cref="ClientOptions.EjectionBackoff"/>, doubled while it keeps failing. A connection whose
/// provider said it is going away is retired: it finishes its calls while a new one, if asked for,
/// takes its place.
/// </summary>
internal sealed partial class ConnectionPool : IAsyncDisposable
{
    // How long disposing waits for the aborted connections to report their end.
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(string Host, int Port), ClientConnection> _connections = new();

    // Going-away connections replaced by a new one: still carrying calls, closing once they are answered.
    private readonly ConcurrentDictionary<ClientConnection, byte> _retired = new();
    private readonly CancellationTokenSource _stopping = new();
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

    /// <summary>Cancelled when <see cref="DisposeAsync"/> begins: background work for the pool (eager connects) stops.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Fails the calls whose timeout has passed.</summary>
    public void ExpireOverdue()
    {
        var now = _options.TimeProvider.GetTimestamp();
        foreach (var connection in _connections.Values)
        {
            connection.ExpireOverdue(now);
        }

        if (!_retired.IsEmpty)
        {
            foreach (var connection in _retired.Keys)
            {
                connection.ExpireOverdue(now);
            }
        }
    }

    /// <summary>The connections open or opening (also going-away ones still finishing their calls).</summary>
    public IEnumerable<ClientConnection> Open() => _connections.Values.Concat(_retired.Keys).Where(c => !c.IsClosing);

    /// <summary>The connection to <paramref name="host"/>:<paramref name="port"/>, started if needed; throws when the client is disposed.</summary>
    public ClientConnection Get(string host, int port, PendingCall call) => TryGet(host, port) ?? throw Disposed(call);

    /// <summary>The connection to <paramref name="host"/>:<paramref name="port"/>, started if needed; null when the client is disposed.</summary>
    public ClientConnection? TryGet(string host, int port)
    {
        if (_connections.TryGetValue((host, port), out var existing) && Usable(existing) && !_disposed)
        {
            return existing;
        }

        lock (_opening)
        {
            if (_disposed)
            {
                return null;
            }

            var key = (host, port);
            if (_connections.TryGetValue(key, out existing))
            {
                if (Usable(existing))
                {
                    return existing;
                }

                Retire(existing);
            }

            var address = host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
            var connection = new ClientConnection(
                new ClientSocket(host, port, address, _options.ConnectTimeout, _options.TimeProvider, _logger),
                address,
                _serializers,
                _pingSerializer,
                Stats.For(address),
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

        await _stopping.CancelAsync().ConfigureAwait(false);
        _heartbeat.Dispose();
        _deadlines.Dispose();
        var reason = new RpcException(RpcStatusCode.Unavailable, "the client was disposed.");
        var closing = new List<Task>();
        foreach (var connection in _connections.Values.Concat(_retired.Keys))
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

    /// <summary>
    /// After a transport failure (timeout, lost connection) of an attempt on an open connection: ejects the address
    /// once it has failed <see cref="ClientOptions.EjectAfterFailures"/> times in a row.
    /// </summary>
    public void EjectIfFailing(ProviderStats stats)
    {
        var failures = stats.ConsecutiveFailures;
        if (failures >= _options.EjectAfterFailures && !stats.IsGoingAway && stats.TryEject(_options.EjectionBackoff, _options.MaxEjectionBackoff, out var backoff))
        {
            Log.EjectedAfterFailures(_logger, stats.Address, backoff.TotalMilliseconds, stats.Ejections, failures);
        }
    }

    private static bool Usable(ClientConnection connection) => !connection.IsClosing && !connection.IsGoingAway;

    /// <summary>Under the opening lock: keeps a going-away connection that is being replaced until it closes.</summary>
    private void Retire(ClientConnection connection)
    {
        if (connection.IsClosing)
        {
            return;
        }

        _retired[connection] = 0;

        // Checked after adding: a connection that closed meanwhile has already looked for itself here.
        if (connection.Closed.IsCompleted)
        {
            _retired.TryRemove(connection, out _);
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

        _retired.TryRemove(connection, out _);
        if (!connection.WasConnected && !_disposed)
        {
            // The request never reached the provider; the address is skipped for a while instead of being tried by
            // every call. A failure seen while it is ejected already does not prolong the ejection.
            var stats = connection.Stats;
            if (stats.TryEject(_options.EjectionBackoff, _options.MaxEjectionBackoff, out var backoff))
            {
                Log.Ejected(_logger, connection.RemoteAddress, backoff.TotalMilliseconds, stats.Ejections, connection.CloseReason?.Message ?? "the connection closed before it opened");
            }
        }

        Log.Disconnected(_logger, connection.RemoteAddress);
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.ConnectionPool + 1, LogLevel.Debug, "Connection to {Address} closed")]
        public static partial void Disconnected(ILogger logger, string address);

        [LoggerMessage(LogEventIds.ConnectionPool + 2, LogLevel.Warning, "Disposing the client: {Count} connections did not close within {Milliseconds} ms")]
        public static partial void CloseSlow(ILogger logger, int count, double milliseconds);

        [LoggerMessage(LogEventIds.ConnectionPool + 3, LogLevel.Information, "Ejected {Address} for {BackoffMs} ms (ejection {Ejections} in a row): {Reason}")]
        public static partial void Ejected(ILogger logger, string address, double backoffMs, int ejections, string reason);

        [LoggerMessage(LogEventIds.ConnectionPool + 6, LogLevel.Information, "Ejected {Address} for {BackoffMs} ms (ejection {Ejections} in a row): {Failures} timeouts or lost connections in a row (ClientOptions.EjectAfterFailures)")]
        public static partial void EjectedAfterFailures(ILogger logger, string address, double backoffMs, int ejections, int failures);
    }
}
