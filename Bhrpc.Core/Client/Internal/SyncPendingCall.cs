using System.Runtime.ExceptionServices;
using Bhrpc.Metadata;

namespace Bhrpc.Client.Internal;

/// <summary>
/// The pending call of a synchronous method, whose result is a <typeparamref name="T"/>: the caller's
/// thread waits on the call itself, and whoever completes it (the connection's receive thread, its
/// close, the timeout sweep) wakes that thread directly. No user code runs on the completing thread
/// and no thread-pool thread is needed. The caller also keeps its own deadline, so the call times
/// out even when the pool, which runs the timeout sweep, is starved.
/// </summary>
internal sealed class SyncPendingCall<T>(MethodDescriptor method, string serviceKey) : PendingCall(method, serviceKey)
{
    private readonly object _gate = new();
    private bool _done;
    private T? _value;
    private Exception? _error;

    public override bool TrySetResult(object? value) => Finish(value is null ? default : (T)value, null);

    public override bool TrySetException(Exception exception) => Finish(default, exception);

    /// <summary>Blocks the caller until the call completes or its deadline passes; returns the result or throws the call's error.</summary>
    public override object? ToReturnValue()
    {
        lock (_gate)
        {
            while (!_done)
            {
                WaitOnce();
            }
        }

        if (_error is not null)
        {
            ExceptionDispatchInfo.Throw(_error);
        }

        return _value;
    }

    /// <summary>One wait, under the lock: until woken, or until the deadline on the connection's clock.</summary>
    private void WaitOnce()
    {
        var connection = Connection;
        if (Deadline == long.MaxValue || connection is null)
        {
            Monitor.Wait(_gate);
            return;
        }

        var clock = connection.Clock;
        var left = clock.GetElapsedTime(clock.GetTimestamp(), Deadline);
        if (left > TimeSpan.Zero)
        {
            // On a clock that is not the system's (a test's), this only re-checks that clock; its timer fails the call.
            Monitor.Wait(_gate, left.TotalMilliseconds >= int.MaxValue ? TimeSpan.FromMilliseconds(int.MaxValue - 1) : left);
            return;
        }

        if (connection.RemovePending(RequestId))
        {
            // Removed here, so a late response is dropped and nothing leaks.
            _done = true;
            _error = TimedOut();
        }
        else
        {
            // The response or the sweep took the entry first and is completing the call now.
            Deadline = long.MaxValue;
        }
    }

    private bool Finish(T? value, Exception? error)
    {
        lock (_gate)
        {
            if (_done)
            {
                return false;
            }

            _done = true;
            _value = value;
            _error = error;
            Monitor.PulseAll(_gate);
            return true;
        }
    }
}
