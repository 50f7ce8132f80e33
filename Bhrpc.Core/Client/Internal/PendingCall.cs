using Bhrpc.Metadata;

namespace Bhrpc.Client.Internal;

/// <summary>
/// A call waiting for its response. Typed by the method's result: an asynchronous method gets a
/// <see cref="AsyncPendingCall{T}"/>, whose task handed to the caller is the one completed by the read
/// loop (no conversion step, no extra allocation); a synchronous method gets a
/// <see cref="SyncPendingCall{T}"/>, whose caller waits on the call itself. Messages are built only
/// when something fails.
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

    /// <summary>The connection the call waits on; set when it is added there.</summary>
    public ClientConnection? Connection { get; set; }

    /// <summary>For messages, for example <c>IGreeter#1.0.0# Hello(java.lang.String) at 127.0.0.1:27110</c>.</summary>
    public string Context => Address is null ? $"{ServiceKey} {Method.Signature}" : $"{ServiceKey} {Method.Signature} at {Address}";

    /// <summary>The error of a call whose deadline passed.</summary>
    public RpcException TimedOut() => new(
        RpcStatusCode.Timeout,
        $"{Context}: no response within {Timeout.TotalMilliseconds:F0} ms (request {RequestId}); raise ReferenceOptions.Timeout if the call is expected to take longer.");

    /// <summary>The response's attachments, set by the connection before it completes the call; null when it had none.</summary>
    public IReadOnlyDictionary<string, string>? ResponseAttachments { get; set; }

    /// <summary>Lets a synchronous caller enforce the pipeline's deadline itself (see <see cref="SyncPendingCall{T}"/>); nothing for others.</summary>
    public virtual void WatchPipeline(TimeProvider clock, long deadline, Action sweep)
    {
    }

    public abstract bool TrySetResult(object? value);

    public abstract bool TrySetException(Exception exception);

    /// <summary>What the proxy method returns for this call (a task, or the value for a synchronous method).</summary>
    public abstract object? ToReturnValue();
}
