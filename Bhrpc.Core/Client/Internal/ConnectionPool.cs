using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using Bhrpc.Serialization;
using Bhrpc.Transport;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Client.Internal;

/// <summary>
/// One connection per provider address, shared by every reference of a client. A closed
/// connection leaves the pool at once; the next call opens a new one.
/// </summary>
internal sealed partial class ConnectionPool : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Host, int Port), Task<ClientConnection>> _connections = new();
    private readonly ClientOptions _options;
    private readonly SerializerSet _serializers;
    private readonly SerializerEntry _pingSerializer;
    private readonly ILogger _logger;
    private readonly HeartbeatMonitor _heartbeat;
    private readonly ITimer _deadlines;
    private volatile bool _disposed;

    public ConnectionPool(ClientOptions options, SerializerSet serializers, ILogger logger)
    {
        _options = options;
        _serializers = serializers;
        _pingSerializer = serializers.Get("json");
        _logger = logger;
        _heartbeat = new HeartbeatMonitor(options.HeartbeatInterval, options.TimeProvider, Open, static c => ((ClientConnection)c).Ping());

        // One timer for every call's timeout: a per-call timer would cost an allocation and a timer-queue entry each.
        _deadlines = options.TimeProvider.CreateTimer(static s => ((ConnectionPool)s!).ExpireOverdue(), this, DeadlineTick, DeadlineTick);
    }

    /// <summary>How often timeouts are checked; a call times out at most this much late.</summary>
    public static TimeSpan DeadlineTick { get; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Fails the calls whose timeout has passed.</summary>
    public void ExpireOverdue()
    {
        var now = _options.TimeProvider.GetTimestamp();
        foreach (var connection in _connections.Values)
        {
            if (connection.IsCompletedSuccessfully)
            {
                connection.Result.ExpireOverdue(now);
            }
        }
    }

    /// <summary>The open connections.</summary>
    public IEnumerable<ClientConnection> Open() => _connections.Values
        .Where(t => t.IsCompletedSuccessfully)
        .Select(t => t.Result)
        .Where(c => !c.IsClosing);

    /// <summary>The connection to <paramref name="host"/>:<paramref name="port"/>, opened if needed.</summary>
    public ValueTask<ClientConnection> GetAsync(string host, int port, PendingCall call)
    {
        if (_connections.TryGetValue((host, port), out var existing) && existing.IsCompletedSuccessfully && !existing.Result.IsClosing)
        {
            return ValueTask.FromResult(existing.Result);
        }

        return GetSlowAsync(host, port, call);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _heartbeat.Dispose();
        _deadlines.Dispose();
        var reason = new RpcException(RpcStatusCode.Unavailable, "the client was disposed.");
        var closing = new List<Task>();
        foreach (var connection in Open().ToList())
        {
            connection.Abort(reason);
            closing.Add(connection.Closed);
        }

        await Task.WhenAll(closing).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }

    private async ValueTask<ClientConnection> GetSlowAsync(string host, int port, PendingCall call)
    {
        var key = (host, port);
        var address = host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var fresh = new TaskCompletionSource<ClientConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            var task = _connections.GetOrAdd(key, fresh.Task);
            if (task == fresh.Task)
            {
                // This caller opens the connection; concurrent callers await the same task.
                try
                {
                    fresh.SetResult(await ConnectAsync(host, port, address).ConfigureAwait(false));
                }
                catch (Exception e)
                {
                    _connections.TryRemove(new KeyValuePair<(string, int), Task<ClientConnection>>(key, task));
                    var error = new RpcException(RpcStatusCode.ConnectionClosed, $"{call.Context}: could not connect to {address}: {e.Message}", e);
                    fresh.SetException(error);
                    throw error;
                }
            }

            var connection = await task.ConfigureAwait(false);
            if (!connection.IsClosing)
            {
                return connection;
            }

            _connections.TryRemove(new KeyValuePair<(string, int), Task<ClientConnection>>(key, task));
        }
    }

    private async Task<ClientConnection> ConnectAsync(string host, int port, string address)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _options.TimeProvider);
            try
            {
                await socket.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no connection within ClientOptions.ConnectTimeout ({_options.ConnectTimeout.TotalMilliseconds:F0} ms)");
            }

            var stream = new NetworkStream(socket, ownsSocket: true);
            var connection = new ClientConnection(
                PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4096)),
                PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024)),
                stream,
                address,
                _serializers,
                _pingSerializer,
                _options.MaxFrameSize,
                _options.TimeProvider,
                _logger,
                OnClosed);
            _ = connection.RunAsync();
            Log.Connected(_logger, address);
            return connection;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void OnClosed(ClientConnection connection)
    {
        foreach (var entry in _connections)
        {
            if (entry.Value.IsCompletedSuccessfully && entry.Value.Result == connection)
            {
                _connections.TryRemove(entry);
            }
        }

        Log.Disconnected(_logger, connection.RemoteAddress);
    }

    private static partial class Log
    {
        [LoggerMessage(60, LogLevel.Debug, "Connected to {Address}")]
        public static partial void Connected(ILogger logger, string address);

        [LoggerMessage(61, LogLevel.Debug, "Connection to {Address} closed")]
        public static partial void Disconnected(ILogger logger, string address);
    }
}
