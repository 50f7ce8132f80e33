using Bhrpc.Metadata;

namespace Bhrpc.Client.Internal;

/// <summary>
/// The pending call of a synchronous method, whose result is a <typeparamref name="T"/>. The caller's
/// thread blocks on the call's task, which is never handed out, so no user code can attach to it:
/// whoever completes the call (the connection's receive thread, its close, the timeout sweep) only
/// wakes that thread, and a blocked wait is woken directly, without a thread-pool thread. Blocking
/// through the task also tells the thread pool that one of its threads is blocked, so it adds
/// threads for the process's other work (an in-process server, timers) at once. The caller keeps
/// its own deadline too, so the call times out even when the pool, which runs the sweep, is starved.
/// </summary>
internal sealed class SyncPendingCall<T>(MethodDescriptor method, string serviceKey) : PendingCall(method, serviceKey)
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TimeProvider? _pipelineClock;
    private Action? _sweep;

    public override bool TrySetResult(object? value) => _completion.TrySetResult(value is null ? default! : (T)value);

    public override bool TrySetException(Exception exception) => _completion.TrySetException(exception);

    /// <summary>
    /// On the pipeline path the call waits on no connection of its own: at <paramref name="deadline"/> the caller's
    /// thread runs <paramref name="sweep"/> (the pool's timeout sweep), which fails the overdue attempt and so the
    /// call, even when the thread pool that runs the sweep's timer is starved.
    /// </summary>
    public override void WatchPipeline(TimeProvider clock, long deadline, Action sweep)
    {
        _pipelineClock = clock;
        _sweep = sweep;
        Deadline = deadline;
    }

    /// <summary>The synchronous adapter: blocks the caller until the call completes or its deadline passes; returns the result or throws the call's error.</summary>
    public override object? ToReturnValue()
    {
        var task = _completion.Task;
        while (!task.IsCompleted)
        {
            WaitOnce(task);
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>One wait: until the call completes, or until its deadline on the connection's clock.</summary>
    private void WaitOnce(Task<T> task)
    {
        var connection = Connection;
        var left = System.Threading.Timeout.InfiniteTimeSpan;
        if (Deadline != long.MaxValue && connection is null && _pipelineClock is { } pipelineClock)
        {
            left = pipelineClock.GetElapsedTime(pipelineClock.GetTimestamp(), Deadline);
            if (left <= TimeSpan.Zero)
            {
                // Once: the sweep fails the attempt, whose cluster (past the deadline) makes no other.
                Deadline = long.MaxValue;
                _sweep!();
                return;
            }

            left = TimeSpan.FromMilliseconds(Math.Min(Math.Ceiling(left.TotalMilliseconds), int.MaxValue - 1));
        }
        else if (Deadline != long.MaxValue && connection is not null)
        {
            var clock = connection.Clock;
            left = clock.GetElapsedTime(clock.GetTimestamp(), Deadline);
            if (left <= TimeSpan.Zero)
            {
                Expire(connection);
                return;
            }

            // On a clock that is not the system's (a test's), this only re-checks that clock; its timer fails the call.
            left = TimeSpan.FromMilliseconds(Math.Min(Math.Ceiling(left.TotalMilliseconds), int.MaxValue - 1));
        }

        try
        {
            task.Wait(left);
        }
        catch (AggregateException)
        {
            // Failed: the caller's GetResult throws the call's own error.
        }
    }

    private void Expire(ClientConnection connection)
    {
        if (connection.RemovePending(RequestId))
        {
            // Removed here, so a late response is dropped and nothing leaks.
            _completion.TrySetException(TimedOut());
        }
        else
        {
            // The response or the sweep took the entry first and is completing the call now.
            Deadline = long.MaxValue;
        }
    }
}
