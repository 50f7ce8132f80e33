using MessagePack;

namespace Bhrpc.MessagePack.Tests;

/// <summary>A [MessagePackObject] with a member declared <see cref="object"/>, where a typeless payload could hide.</summary>
[MessagePackObject]
public sealed class Holder
{
    [Key(0)]
    public object? Value { get; set; }
}
