using System.Threading.Tasks.Sources;
using Bhrpc.Cluster;
using Bhrpc.Invocation;

namespace Bhrpc.Client.Internal.Pipeline;

/// <summary>
/// One pipeline attempt: the pending call the connection completes like any other, and the
/// <see cref="IValueTaskSource{TResult}"/> of the attempt's <see cref="RpcResult"/>, so an attempt allocates neither
/// a task nor an async state machine. Whatever completes it first (the response on the receive thread, the timeout
/// sweep, a close, the caller's cancellation, or a failure to send) does the attempt's bookkeeping (the provider's
/// statistics, ejection after transport failures, the response attachments) and then runs the cluster's continuation
/// inline, so the pipeline goes on without a thread-pool thread; the caller's own continuation is queued by the
/// caller-facing <see cref="PendingCall"/>, never run here.
/// </summary>
internal sealed class AttemptCall : PendingCall, IValueTaskSource<RpcResult>
{
    private readonly ConnectionPool _pool;
    private readonly Provider _provider;
    private readonly RpcInvocation _invocation;
    private readonly long _started;
    private ManualResetValueTaskSourceCore<RpcResult> _core;
    private CancellationTokenRegistration _registration;
    private int _completed;

    /// <summary>Starts counting the attempt against <paramref name="provider"/>'s statistics.</summary>
    public AttemptCall(RpcInvocation invocation, string serviceKey, Provider provider, ConnectionPool pool)
        : base(invocation.Method, serviceKey)
    {
        _invocation = invocation;
        _provider = provider;
        _pool = pool;
        _started = provider.Stats.Begin();
    }

    /// <summary>The attempt's outcome; completes once.</summary>
    public ValueTask<RpcResult> Outcome => new(this, _core.Version);

    /// <summary>Whether the outcome is decided.</summary>
    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    public override bool TrySetResult(object? value)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return false;
        }

        _registration.Dispose();
        if (ResponseAttachments is { } attachments)
        {
            foreach (var (key, text) in attachments)
            {
                _invocation.ResponseAttachments[key] = text;
            }
        }

        _provider.Stats.End(_started, failed: false);
        _core.SetResult(RpcResult.FromValue(value));
        return true;
    }

    public override bool TrySetException(Exception exception)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return false;
        }

        _registration.Dispose();
        var error = exception as RpcException ?? new RpcException(RpcStatusCode.Unknown, $"{Context}: {exception.GetType().Name}: {exception.Message}", exception);
        if (error.StatusCode == RpcStatusCode.ConnectionClosed && Connection is { WasConnected: false })
        {
            // The connection never opened: nothing of this request reached the provider.
            RequestSent.MarkNotSent(error);
        }

        var transport = error.StatusCode is RpcStatusCode.ConnectionClosed or RpcStatusCode.Timeout;
        _provider.Stats.End(_started, failed: transport);
        if (transport && Connection is { WasConnected: true })
        {
            // A failed connect was ejected by the pool already; these are timeouts and lost connections.
            _pool.EjectIfFailing(_provider.Stats);
        }

        _core.SetResult(RpcResult.FromException(error));
        return true;
    }

    /// <summary>Not a caller-facing call: the cluster reads <see cref="Outcome"/>.</summary>
    public override object? ToReturnValue() => Outcome;

    /// <summary>Lets the caller's token cancel the attempt; a registration made after the outcome is released at once.</summary>
    public void CancelWith(CancellationToken token)
    {
        _registration = token.UnsafeRegister(static state => ((AttemptCall)state!).Cancel(), this);

        // A full fence between publishing the registration and reading the flag (the completer fences the other way
        // with its exchange), so one of the two always disposes it.
        Interlocked.MemoryBarrier();
        if (IsCompleted)
        {
            _registration.Dispose();
        }
    }

    /// <summary>The caller cancelled: frees the pending entry (a late response is dropped) and fails the attempt.</summary>
    public void Cancel()
    {
        if (Connection is { } connection && !connection.RemovePending(RequestId))
        {
            // Completed (or expired) meanwhile: its outcome stands.
            return;
        }

        TrySetException(ReferenceInvoker.Cancelled(Context));
    }

    RpcResult IValueTaskSource<RpcResult>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<RpcResult>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<RpcResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);
}
