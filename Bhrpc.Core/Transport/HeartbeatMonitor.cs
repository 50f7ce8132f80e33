namespace Bhrpc.Transport;

/// <summary>
/// Every interval: closes each connection that has been silent for three intervals and pings the
/// others. One per server and one per client.
/// </summary>
internal sealed class HeartbeatMonitor : IDisposable
{
    private readonly TimeSpan _interval;
    private readonly Func<IEnumerable<FrameConnection>> _connections;
    private readonly Action<FrameConnection> _ping;
    private readonly ITimer _timer;
    private int _running;

    public HeartbeatMonitor(TimeSpan interval, TimeProvider timeProvider, Func<IEnumerable<FrameConnection>> connections, Action<FrameConnection> ping)
    {
        _interval = interval;
        _connections = connections;
        _ping = ping;
        _timer = timeProvider.CreateTimer(static s => ((HeartbeatMonitor)s!).Tick(), this, interval, interval);
    }

    public void Tick()
    {
        // A slow tick must not overlap the next one.
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            return;
        }

        try
        {
            var limit = _interval * 3;
            foreach (var connection in _connections())
            {
                if (connection.IsClosing)
                {
                    continue;
                }

                var silence = connection.Silence;
                if (silence >= limit)
                {
                    connection.Abort(new RpcException(RpcStatusCode.ConnectionClosed, $"connection to {connection.RemoteAddress} was silent for {silence.TotalMilliseconds:F0} ms (three heartbeat intervals of {_interval.TotalMilliseconds:F0} ms) and was closed."));
                }
                else
                {
                    _ping(connection);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
