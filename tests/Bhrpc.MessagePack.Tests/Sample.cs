using MessagePack;

namespace Bhrpc.MessagePack.Tests;

/// <summary>A [MessagePackObject] type with int keys, a nested object and a list, compared by value.</summary>
[MessagePackObject]
public sealed record Sample
{
    [Key(0)]
    public int Id { get; init; }

    [Key(1)]
    public string Name { get; init; } = string.Empty;

    [Key(2)]
    public Shade Shade { get; init; }

    [Key(3)]
    public SampleLine? Line { get; init; }

    [Key(4)]
    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool Equals(Sample? other)
        => other is not null && Id == other.Id && Name == other.Name && Shade == other.Shade && Equals(Line, other.Line) && Tags.SequenceEqual(other.Tags);

    public override int GetHashCode() => HashCode.Combine(Id, Name, Shade, Line);
}
