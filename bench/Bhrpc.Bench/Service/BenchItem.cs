namespace Bhrpc.Bench.Service;

/// <summary>One line of a <see cref="BenchOrder"/>.</summary>
public sealed class BenchItem
{
    public string Sku { get; set; } = string.Empty;

    public int Count { get; set; }

    public int PriceCents { get; set; }
}
