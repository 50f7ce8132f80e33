namespace Bhrpc.Client.Internal;

/// <summary>A call waiting for its response: the declared result type and a description for messages.</summary>
internal sealed class PendingCall(Type? resultType, string context)
    : TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public Type? ResultType => resultType;

    /// <summary>For example <c>IGreeter#1.0.0# Hello(java.lang.String) at 127.0.0.1:27110</c>.</summary>
    public string Context => context;
}
