namespace Bhrpc.Spring.Context;

/// <summary>A singleton the context created: the raw instance (destroyed on dispose) and what was handed out.</summary>
internal sealed record CreatedObject(ObjectDefinition Definition, object Raw, object Exposed);
