namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>The connect loop: finds a server, resumes or starts the session, and reconnects when the link drops.</summary>
internal sealed partial class ZooKeeperClient
{
    private async Task RunAsync()
    {
        var stop = _stop.Token;
        var startedAt = _time.GetTimestamp();
        var everConnected = false;
        var failures = 0;
        var next = 0;
        Exception? lastError = null;
        while (!stop.IsCancellationRequested)
        {
            var (host, port) = _options.Servers[next];
            var server = $"{host}:{port}";
            var attemptTimeout = AttemptTimeout();
            if (!everConnected)
            {
                var left = _options.ConnectTimeout - _time.GetElapsedTime(startedAt);
                if (left <= TimeSpan.Zero)
                {
                    FailStart(lastError);
                    return;
                }

                attemptTimeout = Min(attemptTimeout, left);
            }

            ZooKeeperConnection? connection = null;
            try
            {
                ZooKeeperSessionGrant grant;
                using (var timeout = new CancellationTokenSource(attemptTimeout, _time))
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token))
                {
                    try
                    {
                        (connection, grant) = await ZooKeeperConnection.OpenAsync(host, port, WriteConnectRequest, _time, _logger, linked.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !stop.IsCancellationRequested)
                    {
                        throw new TimeoutException($"ZooKeeper server {server} did not answer within {attemptTimeout.TotalMilliseconds:F0} ms.", e);
                    }
                }

                if (grant.IsExpired)
                {
                    connection.Abort(new IOException("the session expired."));
                    OnSessionExpired(server);

                    // Start the new session right away, on the same server.
                    continue;
                }

                everConnected = true;
                failures = 0;
                if (!await AttachAsync(connection, grant, server).ConfigureAwait(false))
                {
                    return;
                }

                lastError = await connection.Completion.ConfigureAwait(false);
                Detach(connection, server, lastError);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                connection?.Abort(e);
                lastError = e;
            }

            if (stop.IsCancellationRequested)
            {
                return;
            }

            next = (next + 1) % _options.Servers.Count;
            var delay = ReconnectDelay(failures++);
            if (!everConnected)
            {
                delay = Min(delay, _options.ConnectTimeout - _time.GetElapsedTime(startedAt));
            }

            ZooKeeperClientLog.AttemptFailed(_logger, server, delay.TotalMilliseconds, lastError!);
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>How long one connect and handshake may take: as ZooKeeper's client, the session timeout shared out over the servers, at least 1 s.</summary>
    private TimeSpan AttemptTimeout()
    {
        var share = _options.SessionTimeout / _options.Servers.Count;
        return share < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : share;
    }

    private TimeSpan ReconnectDelay(int failures)
    {
        var delay = _options.MinReconnectDelay * Math.Pow(2, Math.Min(failures, 16));
        return Min(delay, _options.MaxReconnectDelay);
    }

    private void WriteConnectRequest(JuteWriter writer)
    {
        lock (_gate)
        {
            ZooKeeperHandshake.WriteRequest(writer, Interlocked.Read(ref _lastZxid), (int)_options.SessionTimeout.TotalMilliseconds, _sessionId, _password);
        }
    }

    /// <summary>Makes <paramref name="connection"/> the current one; false when the client closed meanwhile.</summary>
    private async Task<bool> AttachAsync(ZooKeeperConnection connection, ZooKeeperSessionGrant grant, string server)
    {
        bool isNew;
        lock (_gate)
        {
            isNew = grant.SessionId != _sessionId;
            Interlocked.Exchange(ref _sessionId, grant.SessionId);
            _password = grant.Password;
            Volatile.Write(ref _negotiatedTimeoutMs, grant.TimeoutMs);
        }

        if (isNew)
        {
            _watches.Clear();
        }

        connection.Start(this, TimeSpan.FromMilliseconds(grant.TimeoutMs));
        if (!isNew)
        {
            // Before any other request: the server holds no watch for a new connection.
            await SendSetWatchesAsync(connection).ConfigureAwait(false);
        }

        bool published, graceful;
        lock (_gate)
        {
            published = !_closed;
            graceful = _closeGracefully;
            if (published)
            {
                Volatile.Write(ref _connection, connection);
                _connected.TrySetResult();
            }
        }

        if (!published)
        {
            if (graceful)
            {
                await CloseSessionAsync(connection).ConfigureAwait(false);
            }
            else
            {
                connection.Abort(new IOException("the ZooKeeper client was aborted."));
            }

            return false;
        }

        ZooKeeperClientLog.Connected(_logger, server, grant.SessionId, grant.TimeoutMs, isNew);
        Raise(new ZooKeeperConnectionChange(ZooKeeperConnectionState.Connected, grant.SessionId, isNew, server));
        return true;
    }

    private void Detach(ZooKeeperConnection connection, string server, Exception reason)
    {
        lock (_gate)
        {
            if (_connection != connection)
            {
                return;
            }

            Volatile.Write(ref _connection, null);
            _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (!_stop.IsCancellationRequested)
        {
            ZooKeeperClientLog.Disconnected(_logger, server, SessionId, reason);
            Raise(new ZooKeeperConnectionChange(ZooKeeperConnectionState.Disconnected, SessionId, false, server));
        }
    }

    private void OnSessionExpired(string server)
    {
        long expired;
        lock (_gate)
        {
            expired = _sessionId;
            Interlocked.Exchange(ref _sessionId, 0);
            _password = new byte[ZooKeeperHandshake.PasswordLength];
        }

        _watches.Clear();
        ZooKeeperClientLog.SessionExpired(_logger, expired, server);
        Raise(new ZooKeeperConnectionChange(ZooKeeperConnectionState.SessionExpired, expired, false, server));
    }

    private async Task SendSetWatchesAsync(ZooKeeperConnection connection)
    {
        var (data, exist, child) = _watches.Snapshot();
        if (data.Count + exist.Count + child.Count == 0)
        {
            return;
        }

        // The server fires at once every watch whose node changed after this zxid, and sets the rest.
        var relativeZxid = Interlocked.Read(ref _lastZxid);
        await connection.SendUntrackedAsync(ZooKeeperXid.SetWatches, ZooKeeperOpCode.SetWatches, writer =>
        {
            writer.WriteInt64(relativeZxid);
            writer.WriteStringVector(data);
            writer.WriteStringVector(exist);
            writer.WriteStringVector(child);
        }).ConfigureAwait(false);
    }

    private void FailStart(Exception? lastError)
    {
        var why = lastError?.Message ?? "no attempt finished";
        var error = new ZooKeeperException(
            ZooKeeperErrorCode.ConnectionLoss,
            null,
            $"no ZooKeeper server of '{ConnectString}' answered within {_options.ConnectTimeout.TotalSeconds:0.###} s (last error: {why}).",
            lastError);
        lock (_gate)
        {
            _failure ??= error;
            _connected.TrySetResult();
        }

        ZooKeeperClientLog.StartFailed(_logger, ConnectString, _options.ConnectTimeout, lastError);
    }

    private async ValueTask<ZooKeeperConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        var startedAt = _time.GetTimestamp();
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                switch (_failure)
                {
                    case ZooKeeperException failure:
                        throw new ZooKeeperException(failure.Code, null, failure.Message, failure.InnerException);
                    case ObjectDisposedException disposed:
                        throw new ObjectDisposedException(disposed.ObjectName, disposed.Message);
                }

                if (_connection is { } connection)
                {
                    return connection;
                }

                signal = _connected.Task;
            }

            var left = _options.ConnectTimeout - _time.GetElapsedTime(startedAt);
            try
            {
                if (left <= TimeSpan.Zero)
                {
                    throw new TimeoutException();
                }

                await signal.WaitAsync(left, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                throw new ZooKeeperException(
                    ZooKeeperErrorCode.ConnectionLoss,
                    null,
                    $"not connected to any ZooKeeper server of '{ConnectString}' for {_options.ConnectTimeout.TotalSeconds:0.###} s; still trying.",
                    e);
            }
        }
    }
}
