namespace Bhrpc.Protocol;

/// <summary>
/// An outgoing response body: <c>error</c> (null on success), <c>result</c>, <c>async</c>,
/// <c>oneway</c>, <c>errorType</c>, <c>attachments</c> (PROTOCOL.md).
/// </summary>
public sealed class RpcResponse
{
    /// <summary>The failure message; null on success.</summary>
    public string? Error { get; init; }

    /// <summary>The remote exception's type name on failure.</summary>
    public string? ErrorType { get; init; }

    /// <summary>The return value (null for void).</summary>
    public object? Result { get; init; }

    /// <summary>The declared result type, used to write <see cref="Result"/>. Not on the wire.</summary>
    public Type? ResultClrType { get; init; }

    /// <summary>Echo of the request's async flag.</summary>
    public bool Async { get; init; }

    /// <summary>Echo of the request's oneway flag.</summary>
    public bool Oneway { get; init; }

    /// <summary>Optional attachments.</summary>
    public IReadOnlyDictionary<string, string>? Attachments { get; init; }
}
