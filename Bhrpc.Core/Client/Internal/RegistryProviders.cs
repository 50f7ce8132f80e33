using Bhrpc.Registry;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Client.Internal;

/// <summary>
/// The providers of one service key as the registry pushes them: the first call sets a watch and
/// waits for the first list; every later call reads the cached list and never waits for the
/// registry. While the registry is unreachable the last known list stays in force (the registry
/// logs it). Shared by every reference of a client to the same registry and key.
/// </summary>
internal sealed partial class RegistryProviders(IRegistry registry, string serviceKey, ILogger logger) : IProviderSource, IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private volatile IReadOnlyList<ServiceInstance>? _current;
    private IAsyncDisposable? _watch;
    private bool _disposed;

    public string Description => registry.Description;

    public ValueTask<IReadOnlyList<ServiceInstance>> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        return current is not null ? ValueTask.FromResult(current) : StartAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _starting.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_watch is not null)
            {
                await _watch.DisposeAsync().ConfigureAwait(false);
                _watch = null;
            }
        }
        finally
        {
            _starting.Release();
        }
    }

    private async ValueTask<IReadOnlyList<ServiceInstance>> StartAsync(CancellationToken cancellationToken)
    {
        await _starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                throw new RpcException(RpcStatusCode.Unavailable, $"the providers of {serviceKey} cannot be read: the client was disposed.");
            }

            if (_current is { } current)
            {
                return current;
            }

            try
            {
                // The watch calls back with the first list before WatchAsync returns.
                _watch = await registry.WatchAsync(serviceKey, OnChange, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not RpcException and not OperationCanceledException)
            {
                throw new RpcException(RpcStatusCode.NoProvider, $"the providers of {serviceKey} could not be read from {registry.Description}: {e.Message}", e);
            }

            return _current ?? [];
        }
        finally
        {
            _starting.Release();
        }
    }

    private void OnChange(IReadOnlyList<ServiceInstance> instances)
    {
        var before = _current?.Count;
        _current = instances;
        if (before is not null)
        {
            Log.ProvidersChanged(logger, serviceKey, before.Value, instances.Count, registry.Description);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(80, LogLevel.Information, "Providers of {Key} changed from {Before} to {After} in {Registry}")]
        public static partial void ProvidersChanged(ILogger logger, string key, int before, int after, string registry);
    }
}
