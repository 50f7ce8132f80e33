namespace Bhrpc.MicroBench.Services;

/// <summary>One line of an <see cref="Order"/>.</summary>
public sealed class OrderLine
{
    /// <summary>Stock-keeping unit.</summary>
    public string Sku { get; set; } = string.Empty;

    /// <summary>How many.</summary>
    public int Count { get; set; }

    /// <summary>Unit price in cents.</summary>
    public int PriceCents { get; set; }
}
