namespace Bhrpc.Invocation;

/// <summary>
/// Where an <see cref="IRpcFilter"/> runs and in which order: filters run by ascending <see cref="Order"/>, then in
/// the order they are listed (globals first). A filter without this attribute runs on both sides with order 0.
/// Naming a filter on a side it does not support is a configuration error.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RpcFilterAttribute : Attribute
{
    /// <summary>The sides the filter supports. Default <see cref="RpcSide.Both"/>.</summary>
    public RpcSide Side { get; init; } = RpcSide.Both;

    /// <summary>The position in the chain: lower runs first (outermost). Default 0.</summary>
    public int Order { get; init; }
}
