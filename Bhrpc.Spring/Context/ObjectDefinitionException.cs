namespace Bhrpc.Spring.Context;

/// <summary>A problem defining or creating an object; the message includes <c>file:line:column</c> when known.</summary>
public sealed class ObjectDefinitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what was expected.</param>
    /// <param name="location">Where the offending definition is, if known.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ObjectDefinitionException(string message, SourceLocation? location = null, Exception? innerException = null)
        : base(location is null ? message : $"{location}: {message}", innerException)
    {
        Location = location;
    }

    /// <summary>Where the offending definition is, or null when unknown.</summary>
    public SourceLocation? Location { get; }
}
