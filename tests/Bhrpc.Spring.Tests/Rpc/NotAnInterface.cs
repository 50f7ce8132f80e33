namespace Bhrpc.Spring.Tests.Rpc;

/// <summary>A class named where an interface is expected.</summary>
public sealed class NotAnInterface
{
}
