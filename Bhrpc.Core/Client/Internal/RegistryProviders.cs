using Bhrpc.Internal;
using Bhrpc.Registry;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Client.Internal;

/// <summary>
/// The providers of one service key as the registry pushes them: the first call (or an eager
/// reference) sets a watch in the background and waits for its first attempt; every later call
/// reads the cached list and never waits for the registry. While the registry is unreachable the
/// last known list stays in force (the registry logs it). When the watch cannot be set at all (the
/// registry is down at start), it is retried in the background, <see cref="FirstRetry"/> doubling
/// to <see cref="MaxRetry"/>, and calls made meanwhile fail at once with
/// <see cref="RpcStatusCode.NoProvider"/> saying so; once the registry answers, calls succeed
/// without a new proxy. Shared by every reference of a client to the same registry and key.
/// </summary>
internal sealed partial class RegistryProviders : IProviderSource, IAsyncDisposable
{
    /// <summary>The wait before the first retry of a watch that could not be set.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two retries.</summary>
    public static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    private readonly IRegistry _registry;
    private readonly string _serviceKey;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();

    // Completed when the first attempt to set the watch has ended, whatever its outcome.
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Action<IReadOnlyList<ServiceInstance>>> _listeners = [];
    private volatile IReadOnlyList<ServiceInstance>? _current;
    private volatile RetryState? _retry;
    private Task? _subscribing;
    private IAsyncDisposable? _watch;
    private bool _disposed;

    public RegistryProviders(IRegistry registry, string serviceKey, ILogger logger, TimeProvider? clock = null)
    {
        _registry = registry;
        _serviceKey = serviceKey;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
    }

    public string Description => _registry.Description;

    public ValueTask<IReadOnlyList<ServiceInstance>> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        return current is not null ? ValueTask.FromResult(current) : WaitAsync(cancellationToken);
    }

    public IDisposable Subscribe(Action<IReadOnlyList<ServiceInstance>> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        var subscription = new Subscription(this, onChange);
        lock (_lock)
        {
            // Called under the lock, so that a list pushed meanwhile reaches the listener after this one, not before.
            _listeners.Add(onChange);
            if (_current is { } current)
            {
                onChange(current);
            }
        }

        EnsureStarted();
        return subscription;
    }

    public async ValueTask DisposeAsync()
    {
        Task? subscribing;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            subscribing = _subscribing;
            _listeners.Clear();
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (subscribing is not null)
        {
            // Never throws: the loop ends on the cancellation.
            await subscribing.ConfigureAwait(false);
        }

        _firstAttempt.TrySetResult();
        if (_watch is not null)
        {
            await _watch.DisposeAsync().ConfigureAwait(false);
            _watch = null;
        }

        _stop.Dispose();
    }

    private async ValueTask<IReadOnlyList<ServiceInstance>> WaitAsync(CancellationToken cancellationToken)
    {
        var first = EnsureStarted();
        if (!first.IsCompleted)
        {
            await first.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return _current ?? throw NotKnown();
    }

    /// <summary>Why there is no list: the client was disposed, or the registry has not answered yet.</summary>
    private RpcException NotKnown()
    {
        if (Volatile.Read(ref _disposed))
        {
            return new RpcException(RpcStatusCode.Unavailable, $"the providers of {_serviceKey} cannot be read: the client was disposed.");
        }

        var retry = _retry;
        if (retry is null)
        {
            // The watch was set but pushed nothing (a registry must push the first list before WatchAsync returns).
            return new RpcException(RpcStatusCode.NoProvider, $"the providers of {_serviceKey} are not known yet: {_registry.Description} has sent no list.");
        }

        var left = retry.NextAttempt - _clock.GetUtcNow();
        var next = left > TimeSpan.Zero ? $"next attempt in {Math.Ceiling(left.TotalSeconds):F0} s" : "retrying now";
        return new RpcException(
            RpcStatusCode.NoProvider,
            $"the providers of {_serviceKey} could not be read from {_registry.Description}: {retry.Error.Message}; retrying in the background ({next}, then every {FirstRetry.TotalSeconds:F0} s doubling to {MaxRetry.TotalSeconds:F0} s); calls succeed once the registry answers.",
            retry.Error);
    }

    /// <summary>Starts the watch loop once; returns the task of its first attempt.</summary>
    private Task EnsureStarted()
    {
        if (Volatile.Read(ref _subscribing) is null)
        {
            lock (_lock)
            {
                if (_subscribing is null && !_disposed)
                {
                    // Off the caller's thread (CreateProxy of an eager reference must not wait for the registry) and
                    // without its execution context: the loop serves every reference of the key.
                    using (ExecutionContext.SuppressFlow())
                    {
                        _subscribing = Task.Run(SubscribeAsync);
                    }
                }
            }
        }

        return _firstAttempt.Task;
    }

    private async Task SubscribeAsync()
    {
        var delay = FirstRetry;
        while (true)
        {
            try
            {
                // The watch calls back with the first list before WatchAsync returns.
                var watch = await _registry.WatchAsync(_serviceKey, OnChange, _stop.Token).ConfigureAwait(false);
                _watch = watch;
                if (_retry is { } failed)
                {
                    Log.WatchSet(_logger, _serviceKey, _registry.Description, failed.Attempts + 1);
                    _retry = null;
                }

                return;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var attempts = (_retry?.Attempts ?? 0) + 1;
                _retry = new RetryState(e, attempts, _clock.GetUtcNow() + delay);
                Log.WatchFailed(_logger, _serviceKey, _registry.Description, attempts, delay.TotalMilliseconds, e.Message);
            }
            finally
            {
                _firstAttempt.TrySetResult();
            }

            try
            {
                await Task.Delay(delay, _clock, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = delay * 2 < MaxRetry ? delay * 2 : MaxRetry;
        }
    }

    private void OnChange(IReadOnlyList<ServiceInstance> instances)
    {
        lock (_lock)
        {
            var before = _current?.Count;
            _current = instances;
            if (before is not null)
            {
                Log.ProvidersChanged(_logger, _serviceKey, before.Value, instances.Count, _registry.Description);
            }

            foreach (var listener in _listeners)
            {
                try
                {
                    listener(instances);
                }
                catch (Exception e)
                {
                    // One listener's bug must not keep the list from the others or from the registry's watch.
                    Log.ListenerFailed(_logger, _serviceKey, e);
                }
            }
        }
    }

    private void Unsubscribe(Action<IReadOnlyList<ServiceInstance>> onChange)
    {
        lock (_lock)
        {
            _listeners.Remove(onChange);
        }
    }

    /// <summary>The last failed attempt to set the watch.</summary>
    private sealed record RetryState(Exception Error, int Attempts, DateTimeOffset NextAttempt);

    private sealed class Subscription(RegistryProviders owner, Action<IReadOnlyList<ServiceInstance>> onChange) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(onChange);
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.RegistryProviders + 1, LogLevel.Information, "Providers of {Key} changed from {Before} to {After} in {Registry}")]
        public static partial void ProvidersChanged(ILogger logger, string key, int before, int after, string registry);

        [LoggerMessage(LogEventIds.RegistryProviders + 2, LogLevel.Warning, "Watching the providers of {Key} in {Registry} failed (attempt {Attempt}); retrying in {DelayMs} ms; calls fail with NoProvider meanwhile: {Reason}")]
        public static partial void WatchFailed(ILogger logger, string key, string registry, int attempt, double delayMs, string reason);

        [LoggerMessage(LogEventIds.RegistryProviders + 3, LogLevel.Information, "Watching the providers of {Key} in {Registry} works at attempt {Attempt}; calls go to the providers it lists")]
        public static partial void WatchSet(ILogger logger, string key, string registry, int attempt);

        [LoggerMessage(LogEventIds.RegistryProviders + 0, LogLevel.Warning, "A listener of the providers of {Key} threw")]
        public static partial void ListenerFailed(ILogger logger, string key, Exception exception);
    }
}
