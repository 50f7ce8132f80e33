namespace Bhrpc.Protocol;

/// <summary>
/// The <c>errorType</c> of framework failures: <c>Bhrpc.RpcException:{Status}</c>, so a .NET caller
/// can rethrow them with their status. A service exception carries its own type name instead.
/// </summary>
internal static class ErrorTypes
{
    private const string Prefix = "Bhrpc.RpcException:";

    public static string For(RpcStatusCode status) => Prefix + status;

    /// <summary>The exception a consumer raises for a failure response; <paramref name="maxFrameSize"/> is the consumer's own limit, named in a <see cref="RpcStatusCode.FrameTooLarge"/> message.</summary>
    public static RpcException ToException(string? error, string? errorType, string context, int maxFrameSize)
    {
        var message = string.IsNullOrEmpty(error) ? "the provider reported a failure without a message" : error;
        if (errorType is not null && errorType.StartsWith(Prefix, StringComparison.Ordinal)
            && Enum.TryParse<RpcStatusCode>(errorType.AsSpan(Prefix.Length), out var status))
        {
            if (status == RpcStatusCode.FrameTooLarge)
            {
                message = $"{context}: {message} This consumer's limit is {maxFrameSize} bytes (ClientOptions.MaxFrameSize).";
            }

            return new RpcException(status, message, remoteType: null);
        }

        return new RpcException(RpcStatusCode.RemoteError, $"{context} threw {errorType ?? "an exception"}: {message}", errorType);
    }
}
