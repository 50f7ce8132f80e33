namespace Bhrpc.Spring.Context;

/// <summary>An anonymous object created fresh each time the enclosing object is created.</summary>
/// <param name="Definition">How to create the inner object.</param>
public sealed record InnerObjectValue(ObjectDefinition Definition) : ObjectValue;
