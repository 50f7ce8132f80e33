namespace Bhrpc.Invocation;

/// <summary>
/// The outcome of an invocation: a value or an exception. Filters, clusters and invokers return failures as results
/// instead of throwing them, so a failure passes back through the chain without a throw per layer.
/// </summary>
public readonly struct RpcResult
{
    private RpcResult(object? value, Exception? exception)
    {
        Value = value;
        Exception = exception;
    }

    /// <summary>The method's result (null for <c>void</c>, <c>Task</c> and for a failure).</summary>
    public object? Value { get; }

    /// <summary>The failure; null on success.</summary>
    public Exception? Exception { get; }

    /// <summary>Whether the invocation succeeded.</summary>
    public bool IsSuccess => Exception is null;

    /// <summary>A success carrying <paramref name="value"/>.</summary>
    public static RpcResult FromValue(object? value) => new(value, null);

    /// <summary>A failure.</summary>
    public static RpcResult FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new RpcResult(null, exception);
    }
}
