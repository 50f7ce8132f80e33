using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>
/// An asynchronous ZooKeeper client speaking the server's binary protocol over TCP. It holds one session
/// across connections: a lost connection is re-made, with bounded exponential back-off, to the next
/// server, resuming the session and re-setting the watches; when the server says the session expired it
/// starts a new one and reports <see cref="ZooKeeperConnectionState.SessionExpired"/>, then
/// <see cref="ZooKeeperConnectionState.Connected"/> with <see cref="ZooKeeperConnectionChange.IsNewSession"/>.
/// Watch notifications and connection changes are delivered in order on one event loop, never on the socket
/// read loop.
/// </summary>
internal sealed partial class ZooKeeperClient : IZooKeeperConnectionOwner, IAsyncDisposable
{
    private static readonly TimeSpan s_closeTimeout = TimeSpan.FromSeconds(2);

    private readonly ZooKeeperClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ZooKeeperWatchTable _watches = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Channel<Action> _events = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private ZooKeeperConnection? _connection;
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _failure;
    private long _sessionId;
    private byte[] _password;
    private long _lastZxid;
    private int _negotiatedTimeoutMs;
    private int _xid;
    private Task _loop = Task.CompletedTask;
    private bool _started;
    private bool _closed;
    private bool _closeGracefully;

    public ZooKeeperClient(ZooKeeperClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Servers.Count == 0)
        {
            throw new ArgumentException("a ZooKeeper client needs at least one server.", nameof(options));
        }

        _options = options;
        _time = options.TimeProvider;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ZooKeeperClient>();
        _sessionId = options.SessionId;
        _password = options.SessionPassword?.ToArray() ?? new byte[ZooKeeperHandshake.PasswordLength];
    }

    /// <summary>Connection changes, in order, on the client's event loop.</summary>
    public event Action<ZooKeeperConnectionChange>? ConnectionChanged;

    /// <summary>The current session, 0 before the first one.</summary>
    public long SessionId => Interlocked.Read(ref _sessionId);

    /// <summary>A copy of the current session's password.</summary>
    public byte[] SessionPassword
    {
        get
        {
            lock (_gate)
            {
                return _password.ToArray();
            }
        }
    }

    /// <summary>The session timeout the server granted, zero before the first connection.</summary>
    public TimeSpan NegotiatedSessionTimeout => TimeSpan.FromMilliseconds(Volatile.Read(ref _negotiatedTimeoutMs));

    public bool IsConnected => Volatile.Read(ref _connection) is not null;

    /// <summary>The servers as configured, for messages.</summary>
    public string ConnectString => _options.ConnectString;

    /// <summary>Starts a client and waits for its first connection.</summary>
    /// <exception cref="ZooKeeperException">No server answered within <see cref="ZooKeeperClientOptions.ConnectTimeout"/>.</exception>
    public static async Task<ZooKeeperClient> ConnectAsync(ZooKeeperClientOptions options, CancellationToken cancellationToken = default)
    {
        var client = new ZooKeeperClient(options);
        client.Start();
        try
        {
            await client.WaitConnectedAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts connecting in the background; subscribe to <see cref="ConnectionChanged"/> first.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_started)
            {
                return;
            }

            _started = true;
        }

        _ = DispatchLoopAsync();
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Waits until connected (at most <see cref="ZooKeeperClientOptions.ConnectTimeout"/>).</summary>
    /// <exception cref="ZooKeeperException">Not connected in time, or start-up failed.</exception>
    public async Task WaitConnectedAsync(CancellationToken cancellationToken = default)
    {
        _ = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the session (its ephemeral nodes go at once) and closes the connection. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        ZooKeeperConnection? connection;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _closeGracefully = true;
            _failure = new ObjectDisposedException(nameof(ZooKeeperClient), $"the ZooKeeper client of {ConnectString} is closed.");
            connection = _connection;
            Volatile.Write(ref _connection, null);
            _connected.TrySetResult();
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (connection is not null)
        {
            await CloseSessionAsync(connection).ConfigureAwait(false);
        }

        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            ZooKeeperClientLog.CallbackFailed(_logger, e);
        }

        _events.Writer.TryComplete();
    }

    /// <summary>
    /// Drops the connection without ending the session, as a crashed process would: the server keeps the
    /// session, and its ephemeral nodes, until the session timeout. The client is unusable afterwards.
    /// </summary>
    public void Abort()
    {
        ZooKeeperConnection? connection;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _failure = new ObjectDisposedException(nameof(ZooKeeperClient), $"the ZooKeeper client of {ConnectString} was aborted.");
            connection = _connection;
            Volatile.Write(ref _connection, null);
            _connected.TrySetResult();
        }

        _stop.Cancel();
        connection?.Abort(new IOException("the ZooKeeper client was aborted."));
        _events.Writer.TryComplete();
    }

    void IZooKeeperConnectionOwner.OnZxid(long zxid)
    {
        var current = Interlocked.Read(ref _lastZxid);
        while (zxid > current)
        {
            var seen = Interlocked.CompareExchange(ref _lastZxid, zxid, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    void IZooKeeperConnectionOwner.OnWatchReply(ZooKeeperOpCode op, ZooKeeperErrorCode error, string path, IZooKeeperWatcher watcher)
        => _watches.OnReply(op, error, path, watcher);

    void IZooKeeperConnectionOwner.OnNotification(ZooKeeperWatchedEvent watchedEvent)
    {
        var fired = _watches.Take(watchedEvent);
        if (fired.Count == 0)
        {
            return;
        }

        _events.Writer.TryWrite(() =>
        {
            foreach (var watcher in fired)
            {
                try
                {
                    watcher.Process(watchedEvent);
                }
                catch (Exception e)
                {
                    ZooKeeperClientLog.CallbackFailed(_logger, e);
                }
            }
        });
    }

    private void Raise(ZooKeeperConnectionChange change) => _events.Writer.TryWrite(() => ConnectionChanged?.Invoke(change));

    private async Task DispatchLoopAsync()
    {
        await foreach (var action in _events.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                ZooKeeperClientLog.CallbackFailed(_logger, e);
            }
        }
    }

    private async Task CloseSessionAsync(ZooKeeperConnection connection)
    {
        try
        {
            using var timeout = new CancellationTokenSource(s_closeTimeout, _time);
            _ = await connection.SendAsync(NextXid(), ZooKeeperOpCode.CloseSession, null, null, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ZooKeeperException or OperationCanceledException)
        {
            ZooKeeperClientLog.CloseFailed(_logger, SessionId, e);
        }
        finally
        {
            connection.Abort(new ObjectDisposedException(nameof(ZooKeeperClient), "the ZooKeeper session was closed."));
        }
    }

    private int NextXid()
    {
        // Positive and never 0: the negative ones are reserved for pings, notifications and the like.
        while (true)
        {
            var xid = Interlocked.Increment(ref _xid) & int.MaxValue;
            if (xid != 0)
            {
                return xid;
            }
        }
    }
}
