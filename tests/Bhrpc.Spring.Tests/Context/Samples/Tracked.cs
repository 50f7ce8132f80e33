namespace Bhrpc.Spring.Tests.Context.Samples;

/// <summary>Records init, destroy and dispose in its log.</summary>
public sealed class Tracked : IDisposable
{
    public string Name { get; set; } = "";

    public EventLog? Log { get; set; }

    public object? Other { get; set; }

    public void Init() => Log?.Events.Add("init:" + Name);

    public void Destroy() => Log?.Events.Add("destroy:" + Name);

    public void Dispose() => Log?.Events.Add("dispose:" + Name);
}
