namespace Bhrpc.MessagePack.Tests;

/// <summary>A plain class without [MessagePackObject]: the StandardResolver does not carry it.</summary>
public sealed class Unannotated
{
    public int Value { get; set; }
}
