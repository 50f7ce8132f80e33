using Microsoft.Extensions.Logging;

namespace Bhrpc.Registry.Etcd;

/// <summary>
/// Watches the keys of one service through a gateway watch stream and pushes the whole instance
/// list whenever it changes. When the stream fails the last list stays in force; the watch
/// reconnects with a growing pause, reads the keys again, pushes them if they changed and watches
/// on from the revision it read. All callbacks run on one loop, one after the other.
/// </summary>
internal sealed class EtcdWatch : IAsyncDisposable
{
    private static readonly TimeSpan s_firstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_maxPause = TimeSpan.FromSeconds(2);

    private readonly EtcdClient _client;
    private readonly string _prefix;
    private readonly Action<IReadOnlyList<ServiceInstance>> _onChange;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _what;
    private readonly string _registry;
    private readonly Action<EtcdWatch> _onDisposed;
    private readonly CancellationTokenSource _stop = new();

    // Only the loop touches these (the first read happens before the loop starts).
    private readonly SortedDictionary<string, ServiceInstance> _instances = new(StringComparer.Ordinal);
    private IReadOnlyList<ServiceInstance>? _last;
    private Task? _loop;
    private int _callbackThread;
    private int _disposed;

    public EtcdWatch(EtcdClient client, string prefix, Action<IReadOnlyList<ServiceInstance>> onChange, TimeProvider time, ILogger logger, string what, string registry, Action<EtcdWatch> onDisposed)
    {
        _client = client;
        _prefix = prefix;
        _onChange = onChange;
        _time = time;
        _logger = logger;
        _what = what;
        _registry = registry;
        _onDisposed = onDisposed;
    }

    /// <summary>Pushes the list in <paramref name="first"/> (before returning), then watches from the revision after it.</summary>
    public void Start(EtcdRange first)
    {
        Reset(first);
        _last = Snapshot();
        Invoke(_last, rethrow: true);
        _loop = Task.Run(() => RunAsync(first.Revision + 1), CancellationToken.None);
    }

    /// <summary>Stops watching; no callback runs after this returns (unless called from the callback itself).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _onDisposed(this);
        await _stop.CancelAsync().ConfigureAwait(false);

        // A callback that disposes its own watch must not wait for itself.
        if (_loop is { } loop && Volatile.Read(ref _callbackThread) != Environment.CurrentManagedThreadId)
        {
            await loop.ConfigureAwait(false);
        }
    }

    private async Task RunAsync(long startRevision)
    {
        var stop = _stop.Token;
        var pause = s_firstPause;
        var failing = false;
        var revision = startRevision;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (revision == 0)
                {
                    // After a failure: read again, since changes may have been missed (or compacted away).
                    var range = await _client.RangeAsync(_prefix, stop).ConfigureAwait(false);
                    Reset(range);
                    Publish();
                    revision = range.Revision + 1;
                }

                var stream = await _client.WatchAsync(_prefix, revision, stop).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    while (await stream.ReadAsync(stop).ConfigureAwait(false) is { } message)
                    {
                        if (message.Canceled)
                        {
                            throw new EtcdException(EtcdException.Unknown, message.CompactRevision > 0
                                ? $"etcd canceled the watch: the revision it started from is compacted (oldest kept: {message.CompactRevision})"
                                : $"etcd canceled the watch: {message.CancelReason ?? "no reason given"}");
                        }

                        if (message.Created && failing)
                        {
                            EtcdLog.WatchRecovered(_logger, _what);
                            failing = false;
                            pause = s_firstPause;
                        }

                        if (message.Events.Count > 0)
                        {
                            Apply(message.Events);
                            Publish();
                        }
                    }

                    throw new EtcdException(EtcdException.Unavailable, $"the etcd gateway at {stream.Endpoint} ended the watch stream");
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (!failing)
                {
                    EtcdLog.WatchFailed(_logger, _what, e);
                    failing = true;
                }
                else
                {
                    EtcdLog.WatchFailedAgain(_logger, _what, e.Message);
                }

                revision = 0;
            }

            try
            {
                await Task.Delay(pause, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, s_maxPause.Ticks));
        }
    }

    private void Reset(EtcdRange range)
    {
        _instances.Clear();
        foreach (var keyValue in range.KeyValues)
        {
            if (EtcdLayout.TryRead(keyValue, _logger, _registry) is { } instance)
            {
                _instances[keyValue.Key] = instance;
            }
        }
    }

    private void Apply(IReadOnlyList<EtcdEvent> events)
    {
        foreach (var change in events)
        {
            var key = change.KeyValue.Key;
            if (!change.IsDelete && EtcdLayout.TryRead(change.KeyValue, _logger, _registry) is { } instance)
            {
                _instances[key] = instance;
            }
            else
            {
                // Deleted, expired with its lease, or overwritten with something that is not a node.
                _instances.Remove(key);
            }
        }
    }

    private IReadOnlyList<ServiceInstance> Snapshot() => _instances.Values.ToList().AsReadOnly();

    private void Publish()
    {
        var current = Snapshot();
        if (InstanceLists.Same(_last, current) || _stop.IsCancellationRequested)
        {
            return;
        }

        _last = current;
        Invoke(current, rethrow: false);
    }

    private void Invoke(IReadOnlyList<ServiceInstance> instances, bool rethrow)
    {
        Volatile.Write(ref _callbackThread, Environment.CurrentManagedThreadId);
        try
        {
            _onChange(instances);
        }
        catch (Exception e) when (!rethrow)
        {
            // The consumer's bug must not end the watch.
            EtcdLog.CallbackFailed(_logger, _what, e);
        }
        finally
        {
            Volatile.Write(ref _callbackThread, 0);
        }
    }
}
