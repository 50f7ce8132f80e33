using Bhrpc.Registry.ZooKeeper.Client;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Registry.ZooKeeper;

/// <summary>
/// One <see cref="IRegistry.WatchAsync"/>: on every notification for the service node (and after every
/// reconnect) reads the instances again, which re-arms the one-shot watch, and calls back when the list
/// changed. Reads and callbacks run one at a time.
/// </summary>
internal sealed class ZooKeeperServiceWatch : IZooKeeperWatcher, IAsyncDisposable
{
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromSeconds(1);

    private readonly ZooKeeperRegistry _registry;
    private readonly string _serviceKey;
    private readonly string _servicePath;
    private readonly Action<IReadOnlyList<ServiceInstance>> _onChange;
    private readonly ILogger _logger;
    private readonly SerialRunner _runner;
    private readonly CancellationTokenSource _stop = new();
    private IReadOnlyList<ServiceInstance>? _last;
    private volatile bool _started;
    private volatile bool _disposed;

    public ZooKeeperServiceWatch(ZooKeeperRegistry registry, string serviceKey, string servicePath, Action<IReadOnlyList<ServiceInstance>> onChange, ILogger logger)
    {
        _registry = registry;
        _serviceKey = serviceKey;
        _servicePath = servicePath;
        _onChange = onChange;
        _logger = logger;
        _runner = new SerialRunner(RefreshAsync);
    }

    /// <summary>Reads the list, sets the watch and makes the first call back before returning.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_runner.TryEnter())
        {
            throw new InvalidOperationException("the watch has started already.");
        }

        // From here on triggers queue behind the first read. One that came before it (the registry
        // triggers every watch it holds when a session connects) was dropped: the read below is newer.
        _started = true;
        try
        {
            var first = await _registry.ReadInstancesAsync(_servicePath, this, cancellationToken).ConfigureAwait(false);
            _last = first;
            _onChange(first);
        }
        finally
        {
            _runner.Exit();
        }
    }

    /// <summary>Reads the list again soon (a notification, or a reconnect).</summary>
    public void Trigger()
    {
        if (_started && !_disposed)
        {
            _runner.Trigger();
        }
    }

    void IZooKeeperWatcher.Process(ZooKeeperWatchedEvent watchedEvent) => Trigger();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _registry.Forget(this);
        await _stop.CancelAsync().ConfigureAwait(false);
    }

    private async Task RefreshAsync()
    {
        if (_disposed)
        {
            return;
        }

        IReadOnlyList<ServiceInstance> current;
        try
        {
            current = await _registry.ReadInstancesAsync(_servicePath, this, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (_disposed && e is OperationCanceledException or ObjectDisposedException or ZooKeeperException)
        {
            return;
        }
        catch (ObjectDisposedException)
        {
            // The registry was closed under the watch.
            return;
        }
        catch (ZooKeeperException e) when (e.IsConnectionProblem)
        {
            // Keep the last list. Every connection loss ends in a Connected event (or in the registry's
            // end), and the registry triggers every watch on it: a run then, or right after this one.
            return;
        }
        catch (Exception e)
        {
            ZooKeeperRegistryLog.WatchReadFailed(_logger, _serviceKey, _registry.Description, e);
            _ = RetryLaterAsync();
            return;
        }

        if (_disposed || InstanceLists.Same(_last, current))
        {
            return;
        }

        _last = current;
        try
        {
            _onChange(current);
        }
        catch (Exception e)
        {
            ZooKeeperRegistryLog.CallbackFailed(_logger, _serviceKey, e);
        }
    }

    private async Task RetryLaterAsync()
    {
        try
        {
            await Task.Delay(s_retryDelay, _registry.Time, _stop.Token).ConfigureAwait(false);
            Trigger();
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
