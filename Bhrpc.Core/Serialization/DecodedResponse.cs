namespace Bhrpc.Serialization;

/// <summary>
/// Phase one of decoding a response body: everything but the result, which
/// <see cref="ReadResult"/> decodes into the declared return type. A decoded response may refer
/// to the frame's buffers: call <see cref="ReadResult"/> before the frame is released.
/// </summary>
public abstract class DecodedResponse
{
    /// <summary>The failure message, or null on success.</summary>
    public string? Error { get; init; }

    /// <summary>The remote exception's type name, or null.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Echo of the request's async flag.</summary>
    public bool Async { get; init; }

    /// <summary>Echo of the request's oneway flag.</summary>
    public bool Oneway { get; init; }

    /// <summary>Attachments, or null.</summary>
    public IReadOnlyDictionary<string, string>? Attachments { get; init; }

    /// <summary>
    /// Phase two: decodes the result into <paramref name="resultType"/> (null or
    /// <see cref="void"/> skips the value and returns null).
    /// </summary>
    public abstract object? ReadResult(Type? resultType);
}
