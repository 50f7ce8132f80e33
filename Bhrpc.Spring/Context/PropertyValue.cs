namespace Bhrpc.Spring.Context;

/// <summary>A value for a settable public property.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Value">The value.</param>
public sealed record PropertyValue(string Name, ObjectValue Value);
