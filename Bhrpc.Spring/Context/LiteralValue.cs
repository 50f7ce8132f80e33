namespace Bhrpc.Spring.Context;

/// <summary>A text value converted to the target type (primitives, enums, TimeSpan, Uri, Type, nullable).</summary>
/// <param name="Text">The text, placeholders already resolved.</param>
public sealed record LiteralValue(string Text) : ObjectValue;
