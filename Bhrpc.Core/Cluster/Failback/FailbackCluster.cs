using Bhrpc.Cluster.Failsafe;
using Bhrpc.Extensions;
using Bhrpc.Invocation;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Cluster.Failback;

/// <summary>
/// Cluster <c>failback</c>: one attempt at the load balancer's pick while the caller waits. A success is returned as
/// it is; on a failure the caller gets the default value of the method's result type at once (as with
/// <c>failsafe</c>) and the call is queued and retried in the background, every
/// <see cref="FailbackClusterOptions.RetryInterval"/>, at most <see cref="FailbackClusterOptions.MaxAttempts"/> times,
/// each retry routed and picked again. A retry ignores the caller's deadline and cancellation: each one gets a fresh
/// deadline of the call's timeout, and only disposing the cluster (the client) stops it.
/// Only what is safe is retried (<see cref="ClusterContext.CanRetry"/>, asked with the retry's fresh deadline): a
/// request that never reached a provider, or any failure of an idempotent method; anything else is logged and not
/// queued. A call the caller cancelled is not queued and its failure is returned. The queue holds at most
/// <see cref="FailbackClusterOptions.QueueLimit"/> calls; when it is full the oldest is dropped. For notifications that
/// must arrive eventually but need not hold up the caller.
/// </summary>
[SpiClass("failback")]
internal sealed class FailbackCluster : ICluster, IDisposable
{
    private readonly FailbackClusterOptions _options;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private readonly Queue<FailbackEntry> _queue = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken;
    private ITimer? _timer;
    private ILogger? _logger;
    private Task _run = Task.CompletedTask;
    private int _inFlight;
    private bool _running;
    private bool _disposed;

    /// <summary>A failback cluster with the settings of <paramref name="context"/>; its retries run on the context's clock.</summary>
    public FailbackCluster(ExtensionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _options = context.Bind<FailbackClusterOptions>();
        _clock = context.TimeProvider;
        _stoppingToken = _stopping.Token;
    }

    /// <summary>Calls waiting for a retry or being retried now.</summary>
    internal int Pending
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count + _inFlight;
            }
        }
    }

    /// <summary>The latest round of background retries (completed when none is running).</summary>
    internal Task CurrentRun
    {
        get
        {
            lock (_lock)
            {
                return _run;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, ClusterContext context)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(context);
        var result = await AttemptAsync(invocation, context).ConfigureAwait(false);
        if (result.IsSuccess || invocation.CancellationToken.IsCancellationRequested || result.Exception is RpcException { StatusCode: RpcStatusCode.Cancelled })
        {
            return result;
        }

        var error = result.Exception!;
        var call = invocation.Context;
        var retry = CopyForRetry(invocation);
        if (!context.CanRetry(retry, error))
        {
            FailbackLog.NotRetried(context.Logger, call, error);
            return RpcResult.FromValue(FailsafeCluster.DefaultOf(invocation.Method.ResultType));
        }

        if (!Enqueue(new FailbackEntry(retry, context, call, error)))
        {
            // Disposed: nothing would retry the call, so the caller gets its failure.
            return result;
        }

        FailbackLog.Recorded(context.Logger, call, _options.RetryInterval, _options.MaxAttempts, error);
        return RpcResult.FromValue(FailsafeCluster.DefaultOf(invocation.Method.ResultType));
    }

    /// <summary>Stops the retries: the timer stops, retries in flight are cancelled, the waiting calls are dropped (logged at Warning with their count).</summary>
    public void Dispose()
    {
        int dropped;
        ILogger? logger;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            dropped = _queue.Count + _inFlight;
            logger = _logger;
            _queue.Clear();
            _timer?.Dispose();
            _timer = null;
        }

        _stopping.Cancel();
        _stopping.Dispose();
        if (dropped > 0 && logger is not null)
        {
            FailbackLog.Dropped(logger, dropped);
        }
    }

    private static async ValueTask<RpcResult> AttemptAsync(RpcInvocation invocation, ClusterContext context)
    {
        try
        {
            var providers = await context.RouteAsync(invocation).ConfigureAwait(false);
            var provider = context.Select(invocation, providers, null);
            if (provider is null)
            {
                return RpcResult.FromException(new RpcException(RpcStatusCode.NoProvider, $"No provider for {invocation.Context}."));
            }

            return await context.InvokeAsync(provider, invocation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException)
        {
            // A router or the provider source failed; the retry routes again.
            return RpcResult.FromException(e);
        }
    }

    /// <summary>The caller's invocation as the background retries send it: same method, arguments and attachments, no caller token.</summary>
    private RpcInvocation CopyForRetry(RpcInvocation invocation)
    {
        var retry = new RpcInvocation(invocation.Side, invocation.ServiceKey, invocation.Method, invocation.MethodName, [.. invocation.Arguments], invocation.Clock)
        {
            Timeout = invocation.Timeout,
            AttemptTimeout = invocation.AttemptTimeout,
            Oneway = invocation.Oneway,
            Idempotent = invocation.Idempotent,
            CancellationToken = _stoppingToken,
        };
        if (invocation.HasAttachments)
        {
            foreach (var (key, value) in invocation.Attachments)
            {
                retry.Attachments[key] = value;
            }
        }

        Refresh(retry);
        return retry;
    }

    /// <summary>Gives <paramref name="retry"/> a fresh deadline of its timeout from now (and says so in the timeout attachment when it carries one).</summary>
    private static void Refresh(RpcInvocation retry)
    {
        retry.RemoteAddress = null;
        if (retry.Timeout <= TimeSpan.Zero)
        {
            retry.Deadline = long.MaxValue;
            return;
        }

        var ticks = retry.Timeout.TotalSeconds * retry.Clock.TimestampFrequency;
        var now = retry.Clock.GetTimestamp();
        retry.Deadline = ticks >= long.MaxValue - now ? long.MaxValue : now + (long)ticks;
        if (retry.HasAttachments && retry.Attachments.ContainsKey(AttachmentKeys.Timeout))
        {
            retry.Attachments[AttachmentKeys.Timeout] = ((long)retry.Timeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Queues <paramref name="entry"/> for a retry one interval from now; false when disposed.</summary>
    private bool Enqueue(FailbackEntry entry)
    {
        FailbackEntry? droppedEntry = null;
        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            _logger = entry.Context.Logger;
            entry.Due = _clock.GetTimestamp() + (long)(_options.RetryInterval.TotalSeconds * _clock.TimestampFrequency);
            if (_queue.Count >= _options.QueueLimit)
            {
                droppedEntry = _queue.Dequeue();
            }

            _queue.Enqueue(entry);
            ScheduleLocked();
        }

        if (droppedEntry is not null)
        {
            FailbackLog.QueueFull(droppedEntry.Context.Logger, _options.QueueLimit, droppedEntry.Call);
        }

        return true;
    }

    /// <summary>Arms the timer for the oldest waiting call, unless a round is running (it arms the timer when it ends).</summary>
    private void ScheduleLocked()
    {
        if (_disposed || _running || _queue.Count == 0)
        {
            return;
        }

        var delay = _clock.GetElapsedTime(_clock.GetTimestamp(), _queue.Peek().Due);
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        if (_timer is null)
        {
            _timer = _clock.CreateTimer(static state => ((FailbackCluster)state!).OnTimer(), this, delay, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnTimer()
    {
        List<FailbackEntry> due = [];
        lock (_lock)
        {
            if (_disposed || _running)
            {
                return;
            }

            var now = _clock.GetTimestamp();
            while (_queue.TryPeek(out var head) && head.Due <= now)
            {
                due.Add(_queue.Dequeue());
            }

            if (due.Count == 0)
            {
                ScheduleLocked();
                return;
            }

            _running = true;
            _inFlight = due.Count;
        }

        var run = RunAsync(due);
        lock (_lock)
        {
            // The round may have finished synchronously; only a round still running is worth waiting for.
            if (!run.IsCompleted)
            {
                _run = run;
            }
        }
    }

    private async Task RunAsync(List<FailbackEntry> due)
    {
        var outcomes = new bool[due.Count];
        try
        {
            var attempts = new Task<bool>[due.Count];
            for (var i = 0; i < due.Count; i++)
            {
                attempts[i] = RetryAsync(due[i]);
            }

            outcomes = await Task.WhenAll(attempts).ConfigureAwait(false);
        }
        finally
        {
            List<FailbackEntry> dropped = [];
            lock (_lock)
            {
                _running = false;
                _inFlight = 0;
                if (!_disposed)
                {
                    var next = _clock.GetTimestamp() + (long)(_options.RetryInterval.TotalSeconds * _clock.TimestampFrequency);
                    for (var i = 0; i < due.Count; i++)
                    {
                        if (outcomes[i])
                        {
                            continue;
                        }

                        due[i].Due = next;
                        if (_queue.Count >= _options.QueueLimit)
                        {
                            dropped.Add(_queue.Dequeue());
                        }

                        _queue.Enqueue(due[i]);
                    }

                    ScheduleLocked();
                }
            }

            foreach (var entry in dropped)
            {
                FailbackLog.QueueFull(entry.Context.Logger, _options.QueueLimit, entry.Call);
            }
        }
    }

    /// <summary>One background retry of <paramref name="entry"/>; true when it is done with (succeeded or given up), false to retry again.</summary>
    private async Task<bool> RetryAsync(FailbackEntry entry)
    {
        if (_stoppingToken.IsCancellationRequested)
        {
            return true;
        }

        entry.Attempts++;
        Refresh(entry.Retry);
        RpcResult result;
        try
        {
            result = await AttemptAsync(entry.Retry, entry.Context).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A background retry must not end the timer's round; the failure is handled like any other.
            result = RpcResult.FromException(e);
        }

        if (result.IsSuccess)
        {
            FailbackLog.RetrySucceeded(entry.Context.Logger, entry.Call, entry.Attempts);
            return true;
        }

        entry.Error = result.Exception!;
        if (_stoppingToken.IsCancellationRequested)
        {
            return true;
        }

        if (entry.Attempts >= _options.MaxAttempts)
        {
            FailbackLog.GaveUp(entry.Context.Logger, entry.Call, entry.Attempts, "max-attempts reached", entry.Error);
            return true;
        }

        // Asked as the next retry would be: with a fresh deadline, so that a timeout of an idempotent method counts.
        Refresh(entry.Retry);
        if (!entry.Context.CanRetry(entry.Retry, entry.Error))
        {
            FailbackLog.GaveUp(entry.Context.Logger, entry.Call, entry.Attempts, "the failure is not safe to retry (the method is not idempotent)", entry.Error);
            return true;
        }

        return false;
    }
}
