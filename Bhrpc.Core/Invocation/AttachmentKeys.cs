namespace Bhrpc.Invocation;

/// <summary>The attachment keys bhrpc itself reads or writes.</summary>
public static class AttachmentKeys
{
    /// <summary>
    /// The milliseconds the caller still waits, as a decimal integer, sent with the request when the method takes a
    /// <see cref="CancellationToken"/>: the provider's token for the method fires when they have passed.
    /// </summary>
    public const string Timeout = "timeout";

    /// <summary>The provider tag a call asks for (tag routing); see the <c>tag</c> router.</summary>
    public const string Tag = "tag";
}
