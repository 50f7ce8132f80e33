namespace Bhrpc;

/// <summary>Why an RPC failed. Carried by <see cref="RpcException.StatusCode"/>.</summary>
public enum RpcStatusCode
{
    /// <summary>The failure has no more specific status.</summary>
    Unknown = 0,

    /// <summary>No response arrived within the call's timeout.</summary>
    Timeout,

    /// <summary>The registry (or direct address list) named no provider for the service key.</summary>
    NoProvider,

    /// <summary>The provider exports no service under the requested service key.</summary>
    ServiceNotFound,

    /// <summary>The service has no method with the requested name and parameter types.</summary>
    MethodNotFound,

    /// <summary>A body could not be serialized or deserialized, or named a forbidden type.</summary>
    Serialization,

    /// <summary>The service method threw; the remote type and message are kept.</summary>
    RemoteError,

    /// <summary>A rate limiter refused the call.</summary>
    RateLimited,

    /// <summary>A circuit breaker is open.</summary>
    CircuitOpen,

    /// <summary>The connection closed (or could not be opened) before the response arrived.</summary>
    ConnectionClosed,

    /// <summary>The caller is not allowed to make the call.</summary>
    Unauthorized,

    /// <summary>A frame was larger than the configured maximum frame size.</summary>
    FrameTooLarge,

    /// <summary>The frame was malformed (wrong magic, bad length).</summary>
    ProtocolError,

    /// <summary>The server or client is stopping or stopped.</summary>
    Unavailable,

    /// <summary>The configuration is invalid.</summary>
    Configuration,

    /// <summary>The caller cancelled the call (its <see cref="CancellationToken"/> fired) before the response arrived.</summary>
    Cancelled,
}
