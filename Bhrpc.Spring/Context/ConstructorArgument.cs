namespace Bhrpc.Spring.Context;

/// <summary>A constructor (or factory-method) argument matched by index, by name, or by position when neither is given.</summary>
/// <param name="Index">Zero-based parameter index, or null.</param>
/// <param name="Name">Parameter name, or null.</param>
/// <param name="Value">The value.</param>
public sealed record ConstructorArgument(int? Index, string? Name, ObjectValue Value);
