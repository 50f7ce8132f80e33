using Microsoft.Extensions.Logging;

namespace Bhrpc.Registry.Etcd;

/// <summary>
/// The one lease of a registry and the keys bound to it. The lease is granted with the first
/// registration and renewed every third of its TTL. When etcd no longer knows it (it expired
/// during a long pause or outage, or was revoked) a new lease is granted and every registered
/// key written again, so that a provider comes back by itself.
/// </summary>
internal sealed class EtcdLeaseKeeper
{
    private static readonly TimeSpan s_firstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_maxPause = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_maxRevokeTime = TimeSpan.FromSeconds(2);

    private readonly EtcdClient _client;
    private readonly EtcdConnectRetry _retry;
    private readonly long _ttlSeconds;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _revokeTime;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _registry;

    // Guards the fields below and every write of keys, so that a renewal never races a registration.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, byte[]> _registered = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private long _leaseId;
    private bool _stale;
    private Task? _keepAlive;
    private int _stopped;

    public EtcdLeaseKeeper(EtcdClient client, EtcdConnectRetry retry, TimeSpan ttl, TimeSpan connectTimeout, TimeProvider time, ILogger logger, string registry)
    {
        _client = client;
        _retry = retry;
        _ttlSeconds = Math.Max(1, (long)Math.Ceiling(ttl.TotalSeconds));
        _interval = TimeSpan.FromSeconds(_ttlSeconds) / 3;
        _revokeTime = connectTimeout < s_maxRevokeTime ? connectTimeout : s_maxRevokeTime;
        _time = time;
        _logger = logger;
        _registry = registry;
    }

    /// <summary>The current lease, 0 before the first registration or while a lost lease is being replaced.</summary>
    public long LeaseId => Volatile.Read(ref _leaseId);

    /// <summary>Writes <paramref name="key"/> under the lease (granting it first when needed) and keeps it there.</summary>
    /// <exception cref="RpcException">No gateway answered within the connect timeout.</exception>
    /// <exception cref="EtcdException">etcd refused the write.</exception>
    public async Task PutAsync(string key, byte[] value, string what, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        await _gate.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _stopped) != 0, this);
            var had = _registered.TryGetValue(key, out var previous);
            _registered[key] = value;
            try
            {
                await WriteAsync(key, value, what, linked.Token).ConfigureAwait(false);
            }
            catch
            {
                // The caller learns that the registration failed: do not bring it back later.
                if (had)
                {
                    _registered[key] = previous!;
                }
                else
                {
                    _registered.Remove(key);
                }

                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes <paramref name="key"/> if this keeper wrote it; other keys are left alone.</summary>
    public async Task DeleteAsync(string key, string what, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        await _gate.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _stopped) != 0 || !_registered.Remove(key, out var value))
            {
                return;
            }

            try
            {
                await _retry.RunAsync(ct => _client.DeleteAsync(key, ct), what, linked.Token).ConfigureAwait(false);
            }
            catch
            {
                _registered[key] = value;
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops the keep-alive; with <paramref name="revoke"/> also revokes the lease, so that its keys
    /// vanish now rather than when the TTL runs out. Safe to call twice.
    /// </summary>
    public async Task StopAsync(bool revoke)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_keepAlive is { } keepAlive)
        {
            await keepAlive.ConfigureAwait(false);
        }

        // Waits for a registration in progress, which the cancellation above ends.
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var leaseId = _leaseId;
            if (revoke && leaseId != 0)
            {
                using var timeout = new CancellationTokenSource(_revokeTime, _time);
                try
                {
                    await _client.RevokeLeaseAsync(leaseId, timeout.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is EtcdException or OperationCanceledException)
                {
                    EtcdLog.RevokeFailed(_logger, leaseId, _registry, e);
                }
            }

            _leaseId = 0;
            _registered.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes one key under the gate, granting or replacing the lease when needed.</summary>
    private async Task WriteAsync(string key, byte[] value, string what, CancellationToken cancellationToken)
    {
        if (_leaseId == 0 || _stale)
        {
            // No lease yet, or the keep-alive is replacing a lost one: this writes every key, including the new one.
            await RenewAsync(lostLeaseId: 0, what, retry: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await _retry.RunAsync(ct => _client.PutAsync(key, value, _leaseId, ct), what, cancellationToken).ConfigureAwait(false);
        }
        catch (EtcdException e) when (e.IsNotFound)
        {
            // The lease went away before the keep-alive noticed.
            await RenewAsync(_leaseId, what, retry: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Under the gate: replaces the lease when it is <paramref name="lostLeaseId"/> (or when there is
    /// none), then writes every registered key under the current lease if they are not yet there.
    /// </summary>
    private async Task RenewAsync(long lostLeaseId, string what, bool retry, CancellationToken cancellationToken)
    {
        var renewal = lostLeaseId != 0 || _stale;
        if (lostLeaseId != 0 && _leaseId == lostLeaseId)
        {
            EtcdLog.LeaseLost(_logger, lostLeaseId, _registry, _registered.Count);
            _leaseId = 0;
        }

        if (_leaseId == 0)
        {
            var leaseId = await CallAsync(ct => _client.GrantLeaseAsync(_ttlSeconds, ct), what, retry, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _leaseId, leaseId);
            _stale = true;
            _keepAlive ??= Task.Run(KeepAliveAsync, CancellationToken.None);
        }

        if (!_stale)
        {
            return;
        }

        foreach (var (key, value) in _registered)
        {
            await CallAsync(ct => _client.PutAsync(key, value, _leaseId, ct), what, retry, cancellationToken).ConfigureAwait(false);
        }

        _stale = false;
        if (renewal)
        {
            EtcdLog.Reregistered(_logger, _registered.Count, _registry, _leaseId);
        }
    }

    private Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, string what, bool retry, CancellationToken cancellationToken)
        => retry ? _retry.RunAsync(call, what, cancellationToken) : call(cancellationToken);

    private Task CallAsync(Func<CancellationToken, Task> call, string what, bool retry, CancellationToken cancellationToken)
        => retry ? _retry.RunAsync(call, what, cancellationToken) : call(cancellationToken);

    private async Task KeepAliveAsync()
    {
        var stop = _stop.Token;
        var delay = _interval;
        var pause = s_firstPause;
        var failing = false;
        while (true)
        {
            try
            {
                await Task.Delay(delay, _time, stop).ConfigureAwait(false);
                var leaseId = Volatile.Read(ref _leaseId);
                var lost = leaseId != 0 && !await KeepAliveOnceAsync(leaseId, stop).ConfigureAwait(false);

                // Also finishes a renewal that failed half-way (lease granted, keys not all written).
                if (lost || leaseId == 0 || Volatile.Read(ref _stale))
                {
                    await _gate.WaitAsync(stop).ConfigureAwait(false);
                    try
                    {
                        await RenewAsync(lost ? leaseId : 0, $"renewing the lease of {_registry}", retry: false, stop).ConfigureAwait(false);
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                if (failing)
                {
                    EtcdLog.KeepAliveRecovered(_logger, _registry);
                    failing = false;
                }

                delay = _interval;
                pause = s_firstPause;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Logged once per outage; retried soon, since the lease may run out meanwhile.
                if (!failing)
                {
                    EtcdLog.KeepAliveFailed(_logger, _registry, e);
                    failing = true;
                }

                delay = pause < _interval ? pause : _interval;
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, s_maxPause.Ticks));
            }
        }
    }

    /// <summary>Renews the lease once; false when etcd no longer knows it.</summary>
    private async Task<bool> KeepAliveOnceAsync(long leaseId, CancellationToken stop)
    {
        // A renewal that takes longer than the TTL is too late anyway.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(_ttlSeconds), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            return await _client.KeepAliveAsync(leaseId, linked.Token).ConfigureAwait(false) > 0;
        }
        catch (EtcdException e) when (e.IsNotFound)
        {
            return false;
        }
    }
}
