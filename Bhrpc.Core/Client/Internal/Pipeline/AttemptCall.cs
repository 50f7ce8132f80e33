using Bhrpc.Metadata;

namespace Bhrpc.Client.Internal.Pipeline;

/// <summary>
/// The pending call of one pipeline attempt: completed by the connection like any call, awaited by the cluster
/// context. Its continuations run where it completes (the receive thread, the timeout sweep, a close or the
/// canceller), so the pipeline goes on without a thread-pool thread; the caller's own continuation is queued by
/// the caller-facing <see cref="PendingCall"/>, never run here.
/// </summary>
internal sealed class AttemptCall(MethodDescriptor method, string serviceKey) : PendingCall(method, serviceKey)
{
    private readonly TaskCompletionSource<object?> _completion = new(TaskCreationOptions.None);

    public Task<object?> Task => _completion.Task;

    public override bool TrySetResult(object? value) => _completion.TrySetResult(value);

    public override bool TrySetException(Exception exception) => _completion.TrySetException(exception);

    public override object? ToReturnValue() => _completion.Task;

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
}
