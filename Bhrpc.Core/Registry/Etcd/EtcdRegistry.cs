using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bhrpc.Registry.Etcd;

/// <summary>
/// The etcd registry, through etcd's HTTP/JSON gateway: instances are keys
/// <c>{root}/{serviceKey}/{instanceId}</c> holding Curator's node JSON, all bound to one lease that
/// this registry keeps alive (see <see cref="EtcdLeaseKeeper"/>); consumers read and watch the
/// service's prefix. Nothing is sent before the first call; each call the caller waits for
/// retries an unreachable gateway for up to <see cref="RegistryOptions.ConnectTimeout"/>.
/// </summary>
internal sealed class EtcdRegistry : IRegistry
{
    private readonly string _root;
    private readonly EtcdClient _client;
    private readonly EtcdConnectRetry _retry;
    private readonly EtcdLeaseKeeper _lease;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<EtcdWatch, bool> _watches = new();
    private int _disposed;

    /// <exception cref="RpcException">A setting is out of range.</exception>
    public EtcdRegistry(RegistryOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        // Validate checks the address only when Type is "etcd"; this factory may be called directly.
        var address = (options.Address ?? string.Empty).Trim();
        var endpoints = Internal.HostPort.ParseList(address, "RegistryOptions.Address");
        _root = options.Root;
        _time = timeProvider;
        Description = $"etcd://{address}{_root}";
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<EtcdRegistry>();
        _client = new EtcdClient(endpoints, options.ConnectTimeout);
        _retry = new EtcdConnectRetry(options.ConnectTimeout, timeProvider, address);
        _lease = new EtcdLeaseKeeper(_client, _retry, options.SessionTimeout, options.ConnectTimeout, timeProvider, _logger, Description);
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The lease the registered keys are bound to (0 before the first registration).</summary>
    internal long LeaseId => _lease.LeaseId;

    /// <summary>The client, so that tests can change etcd behind the registry's back.</summary>
    internal EtcdClient Client => _client;

    /// <inheritdoc />
    public async ValueTask RegisterAsync(ServiceInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentException.ThrowIfNullOrEmpty(instance.Id);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var serviceKey = instance.ServiceKey;
        var what = $"registering {serviceKey} ({instance.Address}) in {Description}";
        try
        {
            await _lease.PutAsync(EtcdLayout.InstanceKey(_root, serviceKey, instance.Id), CuratorInstanceJson.Write(instance), what, cancellationToken).ConfigureAwait(false);
        }
        catch (EtcdException e)
        {
            throw _retry.Refused(what, e);
        }
    }

    /// <inheritdoc />
    public async ValueTask DeregisterAsync(ServiceInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (string.IsNullOrEmpty(instance.Id))
        {
            return;
        }

        var serviceKey = instance.ServiceKey;
        var what = $"deregistering {serviceKey} ({instance.Address}) from {Description}";
        try
        {
            await _lease.DeleteAsync(EtcdLayout.InstanceKey(_root, serviceKey, instance.Id), what, cancellationToken).ConfigureAwait(false);
        }
        catch (EtcdException e)
        {
            throw _retry.Refused(what, e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ServiceInstance>> DiscoverAsync(string serviceKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var range = await ReadAsync(serviceKey, cancellationToken).ConfigureAwait(false);
        return EtcdLayout.ReadAll(range.KeyValues, _logger, Description);
    }

    /// <inheritdoc />
    public async ValueTask<IAsyncDisposable> WatchAsync(string serviceKey, Action<IReadOnlyList<ServiceInstance>> onChange, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        ArgumentNullException.ThrowIfNull(onChange);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var first = await ReadAsync(serviceKey, cancellationToken).ConfigureAwait(false);
        var watch = new EtcdWatch(
            _client,
            EtcdLayout.ServicePrefix(_root, serviceKey),
            onChange,
            _time,
            _logger,
            $"{serviceKey} in {Description}",
            Description,
            w => _watches.TryRemove(w, out _));
        _watches[watch] = true;
        try
        {
            watch.Start(first);
        }
        catch
        {
            await watch.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // Disposed meanwhile: the registry's dispose may have missed this watch.
        if (Volatile.Read(ref _disposed) != 0)
        {
            await watch.DisposeAsync().ConfigureAwait(false);
        }

        return watch;
    }

    /// <summary>Stops every watch and the keep-alive, and revokes the lease: the instances vanish at once. Safe to call twice.</summary>
    public ValueTask DisposeAsync() => CloseAsync(revoke: true);

    /// <summary>
    /// Stops like a process that dies: the keep-alive and the watches end, the lease is not revoked,
    /// so the instances stay until the lease TTL runs out.
    /// </summary>
    internal ValueTask AbandonAsync() => CloseAsync(revoke: false);

    private async ValueTask CloseAsync(bool revoke)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var watch in _watches.Keys)
        {
            await watch.DisposeAsync().ConfigureAwait(false);
        }

        await _lease.StopAsync(revoke).ConfigureAwait(false);
        _client.Dispose();
    }

    private async Task<EtcdRange> ReadAsync(string serviceKey, CancellationToken cancellationToken)
    {
        var what = $"reading providers of {serviceKey} from {Description}";
        try
        {
            return await _retry.RunAsync(ct => _client.RangeAsync(EtcdLayout.ServicePrefix(_root, serviceKey), ct), what, cancellationToken).ConfigureAwait(false);
        }
        catch (EtcdException e)
        {
            throw _retry.Refused(what, e);
        }
    }
}
