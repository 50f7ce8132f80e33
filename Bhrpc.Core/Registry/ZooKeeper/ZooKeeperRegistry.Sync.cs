using Bhrpc.Registry.ZooKeeper.Client;

namespace Bhrpc.Registry.ZooKeeper;

/// <summary>Keeps the server in step with the registry across reconnects and session expiries.</summary>
internal sealed partial class ZooKeeperRegistry
{
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Creates the ephemeral node <paramref name="path"/> (and its parents). A node already there is kept
    /// when this session owns it (its value replaced when <paramref name="replaceData"/>), and replaced
    /// when it is left from an ended session, as Curator does.
    /// </summary>
    private async Task EnsureInstanceNodeAsync(string path, byte[] data, bool replaceData, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _client.CreateAsync(path, data, ZooKeeperCreateMode.Ephemeral, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NoNode && attempt < 3)
            {
                await CreateParentsAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NodeExists && attempt < 3)
            {
                var stat = await _client.ExistsAsync(path, null, cancellationToken).ConfigureAwait(false);
                if (stat is null)
                {
                    continue;
                }

                if (stat.Value.EphemeralOwner == _client.SessionId)
                {
                    if (replaceData)
                    {
                        await _client.SetDataAsync(path, data, -1, cancellationToken).ConfigureAwait(false);
                    }

                    return;
                }

                // Left by a session that ended (it vanishes soon) or made by someone else: replace it.
                await DeleteIfPresentAsync(path, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task CreateParentsAsync(string path, CancellationToken cancellationToken)
    {
        foreach (var parent in ZooKeeperPath.Ancestors(path))
        {
            try
            {
                await _client.CreateAsync(parent, ReadOnlyMemory<byte>.Empty, ZooKeeperCreateMode.Persistent, cancellationToken).ConfigureAwait(false);
            }
            catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NodeExists)
            {
                // Made by another provider, or by us before.
            }
        }
    }

    /// <summary>Runs on the client's event loop: only records and schedules.</summary>
    private void OnConnectionChanged(ZooKeeperConnectionChange change)
    {
        int count;
        bool wasDisconnected;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            count = _registered.Count;
            wasDisconnected = _disconnected;
            _disconnected = change.State != ZooKeeperConnectionState.Connected;
        }

        switch (change.State)
        {
            case ZooKeeperConnectionState.Disconnected when !wasDisconnected:
                ZooKeeperRegistryLog.Disconnected(_logger, Description);
                break;
            case ZooKeeperConnectionState.SessionExpired:
                ZooKeeperRegistryLog.SessionExpired(_logger, Description, count);
                break;
            case ZooKeeperConnectionState.Connected:
                if (wasDisconnected)
                {
                    ZooKeeperRegistryLog.Reconnected(_logger, Description, change.IsNewSession, count);
                }

                _resync.Trigger();
                break;
        }
    }

    /// <summary>After a (re)connect: reads every watched service again and makes sure every registered node exists.</summary>
    private async Task ResyncAsync()
    {
        ZooKeeperServiceWatch[] watches;
        string[] registered;
        string[] toDelete;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            watches = [.. _watches];
            registered = [.. _registered.Keys];
            toDelete = [.. _toDelete];
        }

        // The watches' own re-reads re-arm them (a new session holds no watch), in parallel with the nodes.
        foreach (var watch in watches)
        {
            watch.Trigger();
        }

        var retry = false;
        foreach (var path in toDelete)
        {
            retry |= !await TrySyncAsync(path, async ct =>
            {
                lock (_gate)
                {
                    if (!_toDelete.Contains(path) || _registered.ContainsKey(path))
                    {
                        return;
                    }
                }

                await DeleteIfPresentAsync(path, ct).ConfigureAwait(false);
                lock (_gate)
                {
                    _toDelete.Remove(path);
                }
            }).ConfigureAwait(false);
        }

        foreach (var path in registered)
        {
            retry |= !await TrySyncAsync(path, async ct =>
            {
                byte[]? data;
                lock (_gate)
                {
                    _registered.TryGetValue(path, out data);
                }

                // Deregistered since the list was taken: nothing to bring back.
                if (data is not null)
                {
                    await EnsureInstanceNodeAsync(path, data, replaceData: false, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }

        if (retry && _client.IsConnected)
        {
            _ = RetryResyncLaterAsync();
        }
    }

    /// <summary>Runs one step; false when it failed in a way the next connect will not repair by itself.</summary>
    private async Task<bool> TrySyncAsync(string path, Func<CancellationToken, Task> step)
    {
        try
        {
            await _nodeLock.WaitAsync(_stop.Token).ConfigureAwait(false);
            try
            {
                await step(_stop.Token).ConfigureAwait(false);
            }
            finally
            {
                _nodeLock.Release();
            }

            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && _stop.IsCancellationRequested)
        {
            return true;
        }
        catch (ZooKeeperException e) when (e.IsConnectionProblem)
        {
            // Every connection loss ends in a Connected event, which runs the re-sync again.
            return true;
        }
        catch (Exception e)
        {
            ZooKeeperRegistryLog.ResyncFailed(_logger, path, Description, e);
            return false;
        }
    }

    private async Task RetryResyncLaterAsync()
    {
        try
        {
            await Task.Delay(s_retryDelay, _time, _stop.Token).ConfigureAwait(false);
            _resync.Trigger();
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
