using System.Threading.Tasks.Sources;

namespace Bhrpc.Bench.Systems;

/// <summary>
/// One raw caller's reusable pending call: a request id that names the caller's slot, the body
/// it sends, and a reset-per-call <see cref="IValueTaskSource{TResult}"/>, so a call allocates nothing.
/// The read loop completes it inline (no thread hop), which is the cheapest a client can be.
/// </summary>
internal sealed class RawCall(RawConnection connection, int slot, ReadOnlyMemory<byte> body) : IValueTaskSource<int>
{
    private ManualResetValueTaskSourceCore<int> _core;
    private long _sequence;
    private long _pendingId;

    /// <summary>The request body; the response must echo as many bytes.</summary>
    public ReadOnlyMemory<byte> Body { get; } = body;

    /// <summary>The id of the call in flight; 0 when none.</summary>
    public long PendingId => Volatile.Read(ref _pendingId);

    /// <summary>Sends the body and completes with the echoed body's length.</summary>
    public ValueTask<int> InvokeAsync()
    {
        _core.Reset();
        var id = (++_sequence << RawConnection.SlotBits) | (long)slot;
        Volatile.Write(ref _pendingId, id);
        var token = _core.Version;
        if (!connection.Send(this))
        {
            TryFail(id, connection.ClosedError());
        }

        return new ValueTask<int>(this, token);
    }

    /// <summary>Completes the call <paramref name="id"/> if it is still pending.</summary>
    public bool TryComplete(long id, int length)
    {
        if (Interlocked.CompareExchange(ref _pendingId, 0, id) != id)
        {
            return false;
        }

        _core.SetResult(length);
        return true;
    }

    /// <summary>Fails the call <paramref name="id"/> if it is still pending.</summary>
    public bool TryFail(long id, Exception error)
    {
        if (id == 0 || Interlocked.CompareExchange(ref _pendingId, 0, id) != id)
        {
            return false;
        }

        _core.SetException(error);
        return true;
    }

    int IValueTaskSource<int>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);
}
