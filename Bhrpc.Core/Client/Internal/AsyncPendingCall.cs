using Bhrpc.Metadata;

namespace Bhrpc.Client.Internal;

/// <summary>
/// The pending call of an asynchronous method, whose result is a <typeparamref name="T"/>: the
/// read loop completes the task; the caller's continuations run on the thread pool, never on the
/// connection's receive thread.
/// </summary>
internal sealed class AsyncPendingCall<T>(MethodDescriptor method, string serviceKey) : PendingCall(method, serviceKey)
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool TrySetResult(object? value) => _completion.TrySetResult(value is null ? default! : (T)value);

    public override bool TrySetException(Exception exception) => _completion.TrySetException(exception);

    public override object? ToReturnValue() => Method.ReturnKind switch
    {
        ReturnKind.TaskOfT or ReturnKind.Task => _completion.Task,
        ReturnKind.ValueTaskOfT => new ValueTask<T>(_completion.Task),
        ReturnKind.ValueTask => new ValueTask(_completion.Task),
        _ => throw new InvalidOperationException($"{Method.Signature} is synchronous; its call is a {nameof(SyncPendingCall<T>)}."),
    };
}
