using MessagePack;

namespace Bhrpc.Bench.Service;

/// <summary>
/// The S3 object: ten fields of strings, ints, a date and a list of five small objects. Marked for MessagePack-CSharp
/// (int keys, as a .NET-to-.NET msgpack contract is written) so bhrpc-msgpack carries it; json and hessian2 ignore the marks.
/// </summary>
[MessagePackObject]
public sealed class BenchOrder
{
    [Key(0)]
    public string Id { get; set; } = string.Empty;

    [Key(1)]
    public string Customer { get; set; } = string.Empty;

    [Key(2)]
    public string Email { get; set; } = string.Empty;

    [Key(3)]
    public string City { get; set; } = string.Empty;

    [Key(4)]
    public string Note { get; set; } = string.Empty;

    [Key(5)]
    public int Quantity { get; set; }

    [Key(6)]
    public int Priority { get; set; }

    [Key(7)]
    public int Revision { get; set; }

    [Key(8)]
    public DateTime CreatedAt { get; set; }

    [Key(9)]
    public List<BenchItem> Items { get; set; } = [];
}
