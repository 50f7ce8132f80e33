namespace Bhrpc.Serialization.Hessian;

/// <summary>A list as read from the wire, with its type name when it had one.</summary>
internal sealed class HessianList(string? type, int capacity)
{
    public string? Type { get; } = type;

    public List<object?> Items { get; } = new(capacity);
}
