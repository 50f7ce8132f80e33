namespace Bhrpc.Bench.Service;

/// <summary>The S3 object: ten fields of strings, ints, a date and a list of five small objects.</summary>
public sealed class BenchOrder
{
    public string Id { get; set; } = string.Empty;

    public string Customer { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string City { get; set; } = string.Empty;

    public string Note { get; set; } = string.Empty;

    public int Quantity { get; set; }

    public int Priority { get; set; }

    public int Revision { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<BenchItem> Items { get; set; } = [];
}
