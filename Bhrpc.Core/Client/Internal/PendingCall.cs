using Bhrpc.Metadata;

namespace Bhrpc.Client.Internal;

/// <summary>
/// A call waiting for its response. Typed by the method's result (<see cref="PendingCall{T}"/>), so
/// the task handed to the caller is the one completed by the read loop: no conversion step, no
/// extra allocation. Messages are built only when something fails.
/// </summary>
internal abstract class PendingCall
{
    protected PendingCall(MethodDescriptor method, string serviceKey)
    {
        Method = method;
        ServiceKey = serviceKey;
    }

    public MethodDescriptor Method { get; }

    public string ServiceKey { get; }

    public Type? ResultType => Method.ResultType;

    /// <summary>Where the call went; set when a provider is picked.</summary>
    public string? Address { get; set; }

    public long RequestId { get; set; }

    /// <summary><see cref="TimeProvider.GetTimestamp"/> value after which the call times out; <see cref="long.MaxValue"/> for none.</summary>
    public long Deadline { get; set; } = long.MaxValue;

    public TimeSpan Timeout { get; set; }

    /// <summary>For messages, for example <c>IGreeter#1.0.0# Hello(java.lang.String) at 127.0.0.1:27110</c>.</summary>
    public string Context => Address is null ? $"{ServiceKey} {Method.Signature}" : $"{ServiceKey} {Method.Signature} at {Address}";

    public abstract bool TrySetResult(object? value);

    public abstract bool TrySetException(Exception exception);

    /// <summary>What the proxy method returns for this call (a task, or the value for a synchronous method).</summary>
    public abstract object? ToReturnValue();
}

/// <summary>A pending call whose result is a <typeparamref name="T"/>.</summary>
internal sealed class PendingCall<T>(MethodDescriptor method, string serviceKey) : PendingCall(method, serviceKey)
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool TrySetResult(object? value) => _completion.TrySetResult(value is null ? default! : (T)value);

    public override bool TrySetException(Exception exception) => _completion.TrySetException(exception);

    public override object? ToReturnValue() => Method.ReturnKind switch
    {
        ReturnKind.TaskOfT or ReturnKind.Task => _completion.Task,
        ReturnKind.ValueTaskOfT => new ValueTask<T>(_completion.Task),
        ReturnKind.ValueTask => new ValueTask(_completion.Task),

        // The synchronous adapter: only this caller's thread waits.
        _ => _completion.Task.GetAwaiter().GetResult(),
    };
}
