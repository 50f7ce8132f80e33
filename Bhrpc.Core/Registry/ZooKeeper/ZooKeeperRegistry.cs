using Bhrpc.Internal;
using Bhrpc.Registry.ZooKeeper.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bhrpc.Registry.ZooKeeper;

/// <summary>
/// The ZooKeeper registry: each registered instance is an ephemeral node
/// <c>{root}/{serviceKey}/{instanceId}</c> (parents persistent and empty) holding
/// <see cref="CuratorInstanceJson"/>; discovery reads the service node's children; a watch is a child
/// watch on the service node (or an exists watch while it is missing), re-armed after each notification.
/// After a reconnect the watched services are read again; after a session expiry the registered nodes are
/// created again in the new session.
/// </summary>
internal sealed partial class ZooKeeperRegistry : IRegistry
{
    private static readonly TimeSpan s_disposeTimeout = TimeSpan.FromSeconds(2);

    private readonly ZooKeeperClient _client;
    private readonly string _root;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, byte[]> _registered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _toDelete = new(StringComparer.Ordinal);
    private readonly HashSet<ZooKeeperServiceWatch> _watches = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SerialRunner _resync;

    // Register, deregister and the re-sync after a reconnect each change a node in steps (create,
    // check, delete); one at a time, so a re-sync cannot bring back a node deregistered meanwhile.
    private readonly SemaphoreSlim _nodeLock = new(1, 1);
    private bool _disposed;
    private bool _disconnected;

    /// <summary>Checks the options and starts connecting in the background.</summary>
    /// <exception cref="RpcException">A setting is out of range, or the address is not <c>host:port[,host:port]</c>.</exception>
    public ZooKeeperRegistry(RegistryOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        if (string.IsNullOrWhiteSpace(options.Address))
        {
            throw new RpcException(RpcStatusCode.Configuration, "RegistryOptions.Address is empty; the zookeeper registry needs host:port[,host:port].");
        }

        var servers = HostPort.ParseList(options.Address, "RegistryOptions.Address");
        var address = options.Address.Trim();
        _root = options.Root;
        _time = timeProvider;
        Description = $"zookeeper://{address}{_root}";
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ZooKeeperRegistry>();
        _resync = new SerialRunner(ResyncAsync);
        _client = new ZooKeeperClient(new ZooKeeperClientOptions
        {
            Servers = servers,
            ConnectString = address,
            SessionTimeout = options.SessionTimeout,
            ConnectTimeout = options.ConnectTimeout,
            TimeProvider = timeProvider,
            LoggerFactory = options.LoggerFactory,
        });
        _client.ConnectionChanged += OnConnectionChanged;
        _client.Start();
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The client, for tests.</summary>
    internal ZooKeeperClient Client => _client;

    internal TimeProvider Time => _time;

    /// <inheritdoc />
    public async ValueTask RegisterAsync(ServiceInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentException.ThrowIfNullOrEmpty(instance.Id);
        var serviceKey = instance.ServiceKey;
        var path = InstancePath(serviceKey, instance.Id);
        var data = CuratorInstanceJson.Write(instance);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        await _nodeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);

                // Recorded first: if the connection is down, the node is written when it is back.
                _registered[path] = data;
                _toDelete.Remove(path);
            }

            await EnsureInstanceNodeAsync(path, data, replaceData: true, cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException e)
        {
            if (!e.IsConnectionProblem)
            {
                lock (_gate)
                {
                    _registered.Remove(path);
                }
            }

            throw Failure($"cannot register {serviceKey} ({instance.Address}) as '{path}'", e);
        }
        finally
        {
            _nodeLock.Release();
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
        var path = InstancePath(serviceKey, instance.Id);
        await _nodeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                // Only this registry's own nodes; another process's node is its own business.
                if (_disposed || !_registered.Remove(path))
                {
                    return;
                }
            }

            await DeleteIfPresentAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException e)
        {
            if (e.IsConnectionProblem)
            {
                // Deleted when the connection is back (or gone with the session).
                lock (_gate)
                {
                    _toDelete.Add(path);
                }
            }

            throw Failure($"cannot deregister {serviceKey} ({instance.Address}) at '{path}'", e);
        }
        finally
        {
            _nodeLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ServiceInstance>> DiscoverAsync(string serviceKey, CancellationToken cancellationToken = default)
    {
        var servicePath = ServicePath(serviceKey);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        try
        {
            return await ReadInstancesAsync(servicePath, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException e)
        {
            throw Failure($"cannot read the providers of {serviceKey} at '{servicePath}'", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IAsyncDisposable> WatchAsync(string serviceKey, Action<IReadOnlyList<ServiceInstance>> onChange, CancellationToken cancellationToken = default)
    {
        var servicePath = ServicePath(serviceKey);
        ArgumentNullException.ThrowIfNull(onChange);
        var watch = new ZooKeeperServiceWatch(this, serviceKey, servicePath, onChange, _logger);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _watches.Add(watch);
        }

        try
        {
            await watch.StartAsync(cancellationToken).ConfigureAwait(false);
            return watch;
        }
        catch (Exception e)
        {
            await watch.DisposeAsync().ConfigureAwait(false);
            if (e is ZooKeeperException zooKeeperException)
            {
                throw Failure($"cannot watch the providers of {serviceKey} at '{servicePath}'", zooKeeperException);
            }

            throw;
        }
    }

    /// <summary>Stops the watches, deletes this registry's nodes and ends the session. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        ZooKeeperServiceWatch[] watches;
        string[] paths;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Volatile.Write(ref _disposed, true);
            watches = [.. _watches];
            paths = [.. _registered.Keys, .. _toDelete];
            _watches.Clear();
            _registered.Clear();
            _toDelete.Clear();
        }

        _client.ConnectionChanged -= OnConnectionChanged;
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var watch in watches)
        {
            await watch.DisposeAsync().ConfigureAwait(false);
        }

        // Closing the session removes the ephemeral nodes anyway; deleting them first makes consumers
        // see the change even if the close request is lost.
        if (_client.IsConnected && paths.Length > 0)
        {
            using var timeout = new CancellationTokenSource(s_disposeTimeout, _time);
            await Task.WhenAll(paths.Select(path => DeleteOnDisposeAsync(path, timeout.Token))).ConfigureAwait(false);
        }

        await _client.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Drops the connection without ending the session, as a crashed process would (tests).</summary>
    internal void Kill()
    {
        ZooKeeperServiceWatch[] watches;
        lock (_gate)
        {
            Volatile.Write(ref _disposed, true);
            watches = [.. _watches];
            _watches.Clear();
            _registered.Clear();
        }

        _stop.Cancel();
        foreach (var watch in watches)
        {
            // Completes at once: it only flags and cancels.
            _ = watch.DisposeAsync();
        }

        _client.Abort();
    }

    internal void Forget(ZooKeeperServiceWatch watch)
    {
        lock (_gate)
        {
            _watches.Remove(watch);
        }
    }

    /// <summary>The instances under <paramref name="servicePath"/>, in node-name order; with a watcher, watches the list (or the service node's creation).</summary>
    internal async Task<IReadOnlyList<ServiceInstance>> ReadInstancesAsync(string servicePath, IZooKeeperWatcher? watcher, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> children;
        while (true)
        {
            try
            {
                children = await _client.GetChildrenAsync(servicePath, watcher, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NoNode)
            {
                // No provider ever registered here. A watch waits for the node to be created.
                if (watcher is null || await _client.ExistsAsync(servicePath, watcher, cancellationToken).ConfigureAwait(false) is null)
                {
                    return [];
                }

                // Created between the two reads: read its children.
            }
        }

        var names = children.Order(StringComparer.Ordinal).ToArray();
        var reads = names.Select(name => TryReadInstanceAsync(ZooKeeperPath.Combine(servicePath, name), cancellationToken));
        var instances = await Task.WhenAll(reads).ConfigureAwait(false);
        return [.. instances.OfType<ServiceInstance>()];
    }

    private async Task<ServiceInstance?> TryReadInstanceAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var node = await _client.GetDataAsync(path, null, cancellationToken).ConfigureAwait(false);
            return CuratorInstanceJson.Read(node.Data);
        }
        catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NoNode)
        {
            // Gone since the list was read.
            return null;
        }
        catch (FormatException e)
        {
            ZooKeeperRegistryLog.MalformedNode(_logger, path, Description, e.Message);
            return null;
        }
    }

    private async Task DeleteOnDisposeAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await DeleteIfPresentAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ZooKeeperException or OperationCanceledException or ObjectDisposedException)
        {
            ZooKeeperRegistryLog.DeleteOnDisposeFailed(_logger, path, Description, e);
        }
    }

    private async Task DeleteIfPresentAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteAsync(path, -1, cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NoNode)
        {
            // Already gone.
        }
    }

    private string ServicePath(string serviceKey)
    {
        CheckSegment(serviceKey, "service key");
        return ZooKeeperPath.Combine(_root, serviceKey);
    }

    private string InstancePath(string serviceKey, string id)
    {
        CheckSegment(id, "instance id");
        return ZooKeeperPath.Combine(ServicePath(serviceKey), id);
    }

    private static void CheckSegment(string value, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (value is "." or ".." || value.Contains('/', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"a {what} must be one ZooKeeper node name: not '.' or '..', and without '/' or NUL; got '{value}'.", nameof(value));
        }
    }

    private RpcException Failure(string what, ZooKeeperException e)
    {
        var status = e.IsConnectionProblem ? RpcStatusCode.ConnectionClosed : RpcStatusCode.Unknown;
        return new RpcException(status, $"{what} in {Description}: {e.Message}", e);
    }
}
