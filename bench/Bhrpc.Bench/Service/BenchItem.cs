using MessagePack;

namespace Bhrpc.Bench.Service;

/// <summary>One line of a <see cref="BenchOrder"/> (marked for MessagePack-CSharp like it).</summary>
[MessagePackObject]
public sealed class BenchItem
{
    [Key(0)]
    public string Sku { get; set; } = string.Empty;

    [Key(1)]
    public int Count { get; set; }

    [Key(2)]
    public int PriceCents { get; set; }
}
