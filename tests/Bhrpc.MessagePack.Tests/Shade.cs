namespace Bhrpc.MessagePack.Tests;

/// <summary>An enum argument.</summary>
public enum Shade
{
    Light,
    Dark,
}
