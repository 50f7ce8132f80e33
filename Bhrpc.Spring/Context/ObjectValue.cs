namespace Bhrpc.Spring.Context;

/// <summary>A value to inject into a property or constructor argument, converted to the target type on creation.</summary>
public abstract record ObjectValue
{
    /// <summary>Where the value was written, for error messages.</summary>
    public SourceLocation? Location { get; init; }
}
