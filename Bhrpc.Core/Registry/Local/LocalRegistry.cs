using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using System.Collections.Concurrent;

namespace Bhrpc.Registry.Local;

/// <summary>
/// The embedded registry: a folder of instance files, <c>{folder}/{escaped service key}/{escaped id}.json</c>,
/// each holding the Curator node JSON. The registering process refreshes the files' last-write
/// times every heartbeat; a file not refreshed for <see cref="StaleAfterIntervals"/> heartbeats
/// belongs to a process that died, and readers skip and remove it. Works across the processes of
/// one machine because all state is in the file system.
/// </summary>
internal sealed class LocalRegistry : IRegistry
{
    /// <summary>How many heartbeat intervals an instance file may go without a refresh before it counts as dead.</summary>
    public const int StaleAfterIntervals = 3;

    /// <summary>The folder used when <see cref="RegistryOptions.Address"/> is empty.</summary>
    public static readonly string DefaultFolder = Path.Combine(Path.GetTempPath(), "bhrpc-registry");

    // The timer cannot wait longer than about 49 days, and three intervals must fit a TimeSpan.
    private static readonly TimeSpan s_maxHeartbeatInterval = TimeSpan.FromDays(1);

    private readonly TimeProvider _time;
    private readonly TimeSpan _staleAfter;
    private readonly TimeSpan _cacheDuration;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Registration> _registered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);
    private readonly ITimer _heartbeat;
    private readonly ILogger _logger;
    private long _cacheGeneration;
    private bool _disposed;

    /// <summary>Opens (and creates when missing) the folder named by <paramref name="options"/>.</summary>
    /// <exception cref="RpcException">A setting is out of range, or the folder cannot be created.</exception>
    public LocalRegistry(RegistryOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        if (options.HeartbeatInterval > s_maxHeartbeatInterval)
        {
            throw new RpcException(
                RpcStatusCode.Configuration,
                $"RegistryOptions.HeartbeatInterval must be at most {s_maxHeartbeatInterval} for the local registry; got {options.HeartbeatInterval}.");
        }

        Folder = OpenFolder(options.Address);
        _time = timeProvider;
        _staleAfter = options.HeartbeatInterval * StaleAfterIntervals;
        _cacheDuration = options.CacheDuration;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<LocalRegistry>();
        _heartbeat = timeProvider.CreateTimer(static state => ((LocalRegistry)state!).OnHeartbeat(), this, options.HeartbeatInterval, options.HeartbeatInterval);
    }

    /// <summary>The full path of the registry folder.</summary>
    public string Folder { get; }

    /// <inheritdoc />
    public string Description => "local://" + Folder;

    /// <summary>How often a watch reads the folder: a change is seen within this time.</summary>
    internal static TimeSpan WatchInterval { get; } = TimeSpan.FromMilliseconds(250);

    /// <inheritdoc />
    public ValueTask<IAsyncDisposable> WatchAsync(string serviceKey, Action<IReadOnlyList<ServiceInstance>> onChange, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        ArgumentNullException.ThrowIfNull(onChange);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);

        // A folder cannot push: the watch reads it (past the discovery cache) every WatchInterval.
        return PollingWatch.StartAsync(
            ct => ValueTask.FromResult(Scan(serviceKey, _time.GetUtcNow().UtcDateTime, ct)),
            onChange,
            WatchInterval,
            _time,
            _logger,
            $"{serviceKey} in {Description}",
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask RegisterAsync(ServiceInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentException.ThrowIfNullOrEmpty(instance.Id);
        cancellationToken.ThrowIfCancellationRequested();
        var serviceKey = instance.ServiceKey;
        var path = InstancePath(serviceKey, instance.Id);
        var registration = new Registration(serviceKey, CuratorInstanceJson.Write(instance));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                InstanceFiles.WriteAtomically(path, registration.Content, _time.GetUtcNow().UtcDateTime);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RpcException(
                    RpcStatusCode.Configuration,
                    $"cannot register {serviceKey} ({instance.Address}) in {Description}: writing '{path}' failed ({e.Message}); set RegistryOptions.Address to a folder this process can write.",
                    e);
            }

            _registered[path] = registration;
        }

        Invalidate(serviceKey);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DeregisterAsync(ServiceInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrEmpty(instance.Id))
        {
            return ValueTask.CompletedTask;
        }

        var serviceKey = instance.ServiceKey;
        var path = InstancePath(serviceKey, instance.Id);
        lock (_gate)
        {
            // Only this registry's own instances: another process's file would come back with its next heartbeat.
            if (!_registered.Remove(path))
            {
                return ValueTask.CompletedTask;
            }

            InstanceFiles.TryDelete(path);
        }

        Invalidate(serviceKey);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ServiceInstance>> DiscoverAsync(string serviceKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        var now = _time.GetUtcNow();
        if (_cacheDuration > TimeSpan.Zero && _cache.TryGetValue(serviceKey, out var cached) && now < cached.ExpiresAt)
        {
            return ValueTask.FromResult(cached.Instances);
        }

        var generation = Interlocked.Read(ref _cacheGeneration);
        var instances = Scan(serviceKey, now.UtcDateTime, cancellationToken);
        if (instances.Count == 0)
        {
            // Never cache "no provider": a provider starting right now must be found on the next call.
            _cache.TryRemove(serviceKey, out _);
        }
        else if (_cacheDuration > TimeSpan.Zero)
        {
            _cache[serviceKey] = new CacheEntry(instances, now + _cacheDuration);

            // A registration or deregistration during the scan may have been missed: drop the
            // result again. Invalidate bumps the generation before it removes, so one of the
            // two removals always comes last.
            if (Interlocked.Read(ref _cacheGeneration) != generation)
            {
                _cache.TryRemove(serviceKey, out _);
            }
        }

        return ValueTask.FromResult(instances);
    }

    /// <summary>Stops the heartbeat and removes every instance this registry registered. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Volatile.Write(ref _disposed, true);
        }

        // Waits for a running heartbeat, which sees _disposed and writes nothing more.
        await _heartbeat.DisposeAsync().ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var path in _registered.Keys)
            {
                InstanceFiles.TryDelete(path);
            }

            _registered.Clear();
        }

        _cache.Clear();
    }

    private static string OpenFolder(string? address)
    {
        var setting = string.IsNullOrEmpty(address) ? DefaultFolder : address;
        try
        {
            var folder = Path.GetFullPath(setting);
            Directory.CreateDirectory(folder);
            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new RpcException(
                RpcStatusCode.Configuration,
                $"the local registry cannot use folder '{setting}' ({e.Message}); set RegistryOptions.Address to a folder this process can create and write.",
                e);
        }
    }

    private string ServiceFolder(string serviceKey) => Path.Combine(Folder, InstanceFiles.EscapeName(serviceKey));

    private string InstancePath(string serviceKey, string id)
        => Path.Combine(ServiceFolder(serviceKey), InstanceFiles.EscapeName(id) + InstanceFiles.InstanceExtension);

    private IReadOnlyList<ServiceInstance> Scan(string serviceKey, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var deadBefore = nowUtc - _staleAfter;
        var found = new List<(string Name, ServiceInstance Instance)>();
        try
        {
            foreach (var file in new DirectoryInfo(ServiceFolder(serviceKey)).EnumerateFiles())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var isInstance = file.Name.EndsWith(InstanceFiles.InstanceExtension, StringComparison.Ordinal);
                if (!isInstance && !file.Name.EndsWith(InstanceFiles.TempExtension, StringComparison.Ordinal))
                {
                    continue;
                }

                // A vanished file reads as written in 1601, so it lands here too; deleting it is harmless.
                if (file.LastWriteTimeUtc < deadBefore)
                {
                    // An instance whose process stopped refreshing it, or a temporary file left by a crash.
                    InstanceFiles.TryDeleteIfStale(file.FullName, deadBefore);
                    continue;
                }

                if (isInstance && InstanceFiles.TryRead(file.FullName) is { } instance)
                {
                    found.Add((file.Name, instance));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No provider ever registered this key (no folder), or the folder is unreadable right
            // now: report what was found so far; an empty result is not cached.
        }

        found.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return found.ConvertAll(static f => f.Instance).AsReadOnly();
    }

    private void OnHeartbeat()
    {
        // Runs on a timer thread: nothing may escape, and a failed refresh is retried next tick.
        try
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                var nowUtc = _time.GetUtcNow().UtcDateTime;
                foreach (var (path, registration) in _registered)
                {
                    try
                    {
                        InstanceFiles.Refresh(path, registration.Content, nowUtc);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // The folder may be briefly unavailable; the next tick tries again.
                    }
                }
            }
        }
        catch (Exception)
        {
            // An exception escaping a timer callback would end the process.
        }
    }

    private void Invalidate(string serviceKey)
    {
        Interlocked.Increment(ref _cacheGeneration);
        _cache.TryRemove(serviceKey, out _);
    }

    private sealed record Registration(string ServiceKey, byte[] Content);

    private sealed record CacheEntry(IReadOnlyList<ServiceInstance> Instances, DateTimeOffset ExpiresAt);
}
