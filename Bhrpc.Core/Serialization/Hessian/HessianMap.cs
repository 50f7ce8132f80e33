namespace Bhrpc.Serialization.Hessian;

/// <summary>A map as read from the wire, entries in wire order, with its type name when it had one.</summary>
internal sealed class HessianMap(string? type)
{
    public string? Type { get; } = type;

    public List<KeyValuePair<object?, object?>> Entries { get; } = [];
}
