namespace Bhrpc.Spring.Tests.Context.Samples;

/// <summary>Shared by the objects of one context to record the order of events.</summary>
public sealed class EventLog
{
    public List<string> Events { get; } = [];
}
