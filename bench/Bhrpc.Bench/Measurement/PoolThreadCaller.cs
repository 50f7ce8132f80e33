namespace Bhrpc.Bench.Measurement;

/// <summary>
/// Runs a caller whose calls block (synchronous methods) on a thread-pool thread of its own, so that many such
/// callers block many pool threads at once, as in an app that calls synchronously from its request handlers.
/// </summary>
internal sealed class PoolThreadCaller(ICaller inner) : ICaller
{
    public long Calls => inner.Calls;

    public int Recorded => inner.Recorded;

    public long EndTimestamp => inner.EndTimestamp;

    public Exception? Error => inner.Error;

    public Task RunAsync(PhaseControl phases, SampleBuffer samples, int index)
        => Task.Run(() => inner.RunAsync(phases, samples, index));
}
