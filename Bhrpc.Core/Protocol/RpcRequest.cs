namespace Bhrpc.Protocol;

/// <summary>
/// An outgoing request body. Field names on the wire follow Java bhrpc's <c>RpcRequest</c>
/// (PROTOCOL.md): className, methodName, parameterTypes, parameters, version, group, async,
/// oneway, attachments.
/// </summary>
public sealed class RpcRequest
{
    /// <summary>The service name (the interface's full name unless configured otherwise).</summary>
    public required string ClassName { get; init; }

    /// <summary>The method name.</summary>
    public required string MethodName { get; init; }

    /// <summary>Portable type names of the declared parameters.</summary>
    public required string[] ParameterTypes { get; init; }

    /// <summary>The arguments.</summary>
    public required object?[] Parameters { get; init; }

    /// <summary>
    /// The declared CLR types of <see cref="Parameters"/>, used by serializers to write each
    /// argument as its declared type. Not on the wire. When null, runtime types are used.
    /// </summary>
    public Type[]? ParameterClrTypes { get; init; }

    /// <summary>The service version.</summary>
    public string Version { get; init; } = ServiceKey.DefaultVersion;

    /// <summary>The service group.</summary>
    public string Group { get; init; } = string.Empty;

    /// <summary>The caller does not block (informational).</summary>
    public bool Async { get; init; }

    /// <summary>No response is sent.</summary>
    public bool Oneway { get; init; }

    /// <summary>Optional attachments (trace context, auth token, deadline, ...).</summary>
    public IReadOnlyDictionary<string, string>? Attachments { get; init; }
}
