using Bhrpc.Internal;
using Bhrpc.Registry;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Client.Internal;

/// <summary>
/// Eager connect (<see cref="ReferenceOptions.Lazy"/> false): opens a connection to each provider of one reference
/// as soon as the provider is known, in the background, so that the first call finds it open. An attempt that fails
/// (the pool ejects the address) is made again when the ejection ends, doubling with it, until it succeeds, the
/// address leaves the provider list or the client is disposed. Once open, a connection lives as any other: when it
/// closes, the next call to the address opens a new one.
/// </summary>
internal sealed partial class EagerConnector
{
    private readonly ConnectionPool _pool;
    private readonly ClientOptions _options;
    private readonly ILogger _logger;
    private readonly string _serviceKey;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CancellationTokenSource> _connecting = new(StringComparer.Ordinal);
    private IDisposable? _subscription;
    private bool _stopped;

    private EagerConnector(ConnectionPool pool, ClientOptions options, string serviceKey, ILogger logger)
    {
        _pool = pool;
        _options = options;
        _serviceKey = serviceKey;
        _logger = logger;
    }

    /// <summary>Starts connecting to the providers of <paramref name="serviceKey"/> from <paramref name="providers"/>; returns at once.</summary>
    public static EagerConnector Start(IProviderSource providers, ConnectionPool pool, ClientOptions options, string serviceKey, ILogger logger)
    {
        var connector = new EagerConnector(pool, options, serviceKey, logger);
        var subscription = providers.Subscribe(connector.OnProviders);
        lock (connector._lock)
        {
            connector._subscription = subscription;
        }

        pool.Stopping.Register(static s => ((EagerConnector)s!).Stop(), connector);
        return connector;
    }

    /// <summary>The addresses being connected to (not yet open).</summary>
    public IReadOnlyCollection<string> Connecting
    {
        get
        {
            lock (_lock)
            {
                return [.. _connecting.Keys];
            }
        }
    }

    private void OnProviders(IReadOnlyList<ServiceInstance> instances)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            var addresses = new HashSet<string>(instances.Select(i => i.Address), StringComparer.Ordinal);
            foreach (var (address, cancel) in _connecting.Where(e => !addresses.Contains(e.Key)).ToList())
            {
                // Left the provider list: no more attempts.
                _connecting.Remove(address);
                cancel.Cancel();
            }

            foreach (var instance in instances)
            {
                if (_connecting.ContainsKey(instance.Address) || IsOpen(instance))
                {
                    continue;
                }

                var cancel = new CancellationTokenSource();
                _connecting[instance.Address] = cancel;
                using (ExecutionContext.SuppressFlow())
                {
                    _ = ConnectAsync(instance.Host, instance.Port, instance.Address, cancel);
                }
            }
        }
    }

    private bool IsOpen(ServiceInstance instance)
        => _pool.Open().Any(c => c.WasConnected && !c.IsGoingAway && string.Equals(c.RemoteAddress, instance.Address, StringComparison.Ordinal));

    private async Task ConnectAsync(string host, int port, string address, CancellationTokenSource cancel)
    {
        var token = cancel.Token;
        var attempts = 0;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var connection = _pool.TryGet(host, port);
                if (connection is null)
                {
                    // The client is disposed.
                    return;
                }

                attempts++;
                if (await connection.Opened.WaitAsync(token).ConfigureAwait(false))
                {
                    Log.Connected(_logger, _serviceKey, address, attempts);
                    return;
                }

                // The pool ejected the address when the attempt failed: the next one waits for the ejection to end.
                var clock = _options.TimeProvider;
                var left = TimeSpan.FromSeconds((double)(connection.Stats.EjectedUntil - clock.GetTimestamp()) / clock.TimestampFrequency);
                await Task.Delay(left > TimeSpan.Zero ? left : _options.EjectionBackoff, clock, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The address left the list, or the client is being disposed.
        }
        catch (Exception e)
        {
            // Nothing may escape a background task; the calls to the address open their connection lazily.
            Log.Failed(_logger, _serviceKey, address, e);
        }
        finally
        {
            lock (_lock)
            {
                // The sources are not disposed: they own no timer, and a late Cancel must not meet a disposed one.
                if (_connecting.TryGetValue(address, out var current) && current == cancel)
                {
                    _connecting.Remove(address);
                }
            }
        }
    }

    private void Stop()
    {
        IDisposable? subscription;
        List<CancellationTokenSource> connecting;
        lock (_lock)
        {
            _stopped = true;
            subscription = _subscription;
            _subscription = null;
            connecting = [.. _connecting.Values];
            _connecting.Clear();
        }

        subscription?.Dispose();
        foreach (var cancel in connecting)
        {
            cancel.Cancel();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.ConnectionPool + 4, LogLevel.Debug, "Eager connect of {Key}: connected to {Address} at attempt {Attempt}")]
        public static partial void Connected(ILogger logger, string key, string address, int attempt);

        [LoggerMessage(LogEventIds.ConnectionPool + 5, LogLevel.Warning, "Eager connect of {Key} to {Address} stopped; calls open the connection when they need it")]
        public static partial void Failed(ILogger logger, string key, string address, Exception exception);
    }
}
