namespace Bhrpc.Spring.Context;

/// <summary>A reference to another object by id.</summary>
/// <param name="ObjectId">The id (or alias) of the referenced object.</param>
public sealed record ReferenceValue(string ObjectId) : ObjectValue;
