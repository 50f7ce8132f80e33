using Bhrpc.Internal;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Registry;

/// <summary>
/// A watch for registries that cannot push: reads the list every interval and calls back when it
/// changed. A failed read is logged and retried; the last list stays in force meanwhile.
/// </summary>
internal sealed partial class PollingWatch : IAsyncDisposable
{
    private readonly Func<CancellationToken, ValueTask<IReadOnlyList<ServiceInstance>>> _read;
    private readonly Action<IReadOnlyList<ServiceInstance>> _onChange;
    private readonly ILogger _logger;
    private readonly string _what;
    private readonly CancellationTokenSource _stop = new();
    private readonly ITimer _timer;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<ServiceInstance>? _last;

    private PollingWatch(Func<CancellationToken, ValueTask<IReadOnlyList<ServiceInstance>>> read, Action<IReadOnlyList<ServiceInstance>> onChange, TimeSpan interval, TimeProvider time, ILogger logger, string what)
    {
        _read = read;
        _onChange = onChange;
        _logger = logger;
        _what = what;
        _timer = time.CreateTimer(static s => _ = ((PollingWatch)s!).PollAsync(), this, interval, interval);
    }

    /// <summary>Reads once (the first call back happens before this returns), then polls every <paramref name="interval"/>.</summary>
    public static async ValueTask<IAsyncDisposable> StartAsync(
        Func<CancellationToken, ValueTask<IReadOnlyList<ServiceInstance>>> read,
        Action<IReadOnlyList<ServiceInstance>> onChange,
        TimeSpan interval,
        TimeProvider time,
        ILogger logger,
        string what,
        CancellationToken cancellationToken)
    {
        var first = await read(cancellationToken).ConfigureAwait(false);
        var watch = new PollingWatch(read, onChange, interval, time, logger, what);
        await watch._gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            watch._last = first;
            onChange(first);
        }
        finally
        {
            watch._gate.Release();
        }

        return watch;
    }

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _stop.CancelAsync().ConfigureAwait(false);
    }

    private async Task PollAsync()
    {
        if (_stop.IsCancellationRequested || !await _gate.WaitAsync(0).ConfigureAwait(false))
        {
            // Stopped, or the previous poll is still running.
            return;
        }

        try
        {
            var current = await _read(_stop.Token).ConfigureAwait(false);
            if (!InstanceLists.Same(_last, current) && !_stop.IsCancellationRequested)
            {
                _last = current;
                _onChange(current);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped while reading.
        }
        catch (Exception e)
        {
            Log.PollFailed(_logger, _what, e);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.PollingWatch + 0, LogLevel.Warning, "Reading providers of {What} failed; keeping the last known list")]
        public static partial void PollFailed(ILogger logger, string what, Exception exception);
    }
}
