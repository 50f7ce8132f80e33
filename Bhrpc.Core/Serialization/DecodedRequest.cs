namespace Bhrpc.Serialization;

/// <summary>
/// Phase one of decoding a request body: everything but the arguments. The arguments are
/// decoded in phase two by <see cref="ReadParameters"/>, once the server has resolved the
/// method and knows the declared parameter types. A decoded request may refer to the frame's
/// buffers: call <see cref="ReadParameters"/> before the frame is released.
/// </summary>
public abstract class DecodedRequest
{
    /// <summary>The service name.</summary>
    public required string ClassName { get; init; }

    /// <summary>The method name.</summary>
    public required string MethodName { get; init; }

    /// <summary>Portable type names of the declared parameters (empty when absent).</summary>
    public required string[] ParameterTypes { get; init; }

    /// <summary>The service version (default <c>1.0.0</c>).</summary>
    public required string Version { get; init; }

    /// <summary>The service group (default empty).</summary>
    public required string Group { get; init; }

    /// <summary>The caller does not block.</summary>
    public bool Async { get; init; }

    /// <summary>The caller expects no response.</summary>
    public bool Oneway { get; init; }

    /// <summary>Attachments, or null.</summary>
    public IReadOnlyDictionary<string, string>? Attachments { get; init; }

    /// <summary>
    /// Phase two: decodes the arguments into the declared parameter types. Throws
    /// <see cref="RpcException"/> with <see cref="RpcStatusCode.Serialization"/> when the body
    /// holds a different number of arguments or an argument does not fit its type.
    /// </summary>
    public abstract object?[] ReadParameters(IReadOnlyList<Type> parameterTypes);

    /// <summary>
    /// For <see cref="ReadParameters"/>: checks that the body holds as many arguments as the method declares; throws
    /// <see cref="RpcException"/> (<see cref="RpcStatusCode.Serialization"/>) naming both counts when not.
    /// </summary>
    protected void CheckArgumentCount(IReadOnlyList<Type> parameterTypes, int count)
    {
        ArgumentNullException.ThrowIfNull(parameterTypes);
        if (parameterTypes.Count != count)
        {
            throw new RpcException(RpcStatusCode.Serialization, $"expected {parameterTypes.Count} arguments for {ClassName}.{MethodName}, got {count}.");
        }
    }
}
