namespace Bhrpc.Client.Internal.Pipeline;

/// <summary>
/// Marks an attempt's error with whether its request may have reached the provider. The mark is an
/// <see cref="Exception.Data"/> entry (key <see cref="Key"/>, value false) set only by the consumer pipeline
/// when it knows the request was never sent (the connection never opened, or the send was refused); an
/// error without the mark counts as possibly sent, so nothing unsafe is retried by mistake.
/// </summary>
internal static class RequestSent
{
    public const string Key = "bhrpc.requestSent";

    public static Exception MarkNotSent(Exception error)
    {
        error.Data[Key] = false;
        return error;
    }

    public static bool WasNotSent(Exception error) => error.Data[Key] is false;
}
