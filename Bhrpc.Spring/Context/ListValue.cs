namespace Bhrpc.Spring.Context;

/// <summary>A list converted to an array, <see cref="List{T}"/> or a collection interface.</summary>
/// <param name="Items">The items in order.</param>
public sealed record ListValue(IReadOnlyList<ObjectValue> Items) : ObjectValue;
