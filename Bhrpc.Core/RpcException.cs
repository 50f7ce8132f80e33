namespace Bhrpc;

/// <summary>
/// The root of every bhrpc failure. <see cref="StatusCode"/> says what went wrong; for a
/// failure thrown by the remote service, <see cref="RemoteType"/> names the remote exception type.
/// </summary>
public class RpcException : Exception
{
    /// <summary>Creates an exception with a status and a message that says what was expected.</summary>
    public RpcException(RpcStatusCode statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>Creates an exception for a failure response: the remote type name and message are kept.</summary>
    public RpcException(RpcStatusCode statusCode, string message, string? remoteType)
        : base(message)
    {
        StatusCode = statusCode;
        RemoteType = remoteType;
    }

    /// <summary>What went wrong.</summary>
    public RpcStatusCode StatusCode { get; }

    /// <summary>The remote exception's type name (from the response's <c>errorType</c>), if any.</summary>
    public string? RemoteType { get; }

    /// <inheritdoc />
    public override string ToString()
        => RemoteType is null
            ? $"{GetType().FullName} ({StatusCode}): {base.ToString()}"
            : $"{GetType().FullName} ({StatusCode}, remote {RemoteType}): {base.ToString()}";
}
