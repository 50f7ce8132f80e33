namespace Bhrpc.Spring.Tests.Context.Samples;

public sealed class AsyncResource : IAsyncDisposable
{
    public EventLog? Log { get; set; }

    public ValueTask DisposeAsync()
    {
        Log?.Events.Add("disposeAsync");
        return ValueTask.CompletedTask;
    }
}
