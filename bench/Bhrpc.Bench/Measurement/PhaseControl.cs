using System.Diagnostics;

namespace Bhrpc.Bench.Measurement;

/// <summary>
/// Shared by the callers of one measurement: the warm-up deadline, a barrier at which every caller
/// waits with no call in flight while the orchestrator takes its snapshots, and the measured deadline.
/// </summary>
internal sealed class PhaseControl(int callers, long warmupDeadline)
{
    private readonly TaskCompletionSource _allWarm = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _go = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting = callers;
    private long _measureStart;
    private long _measureDeadline;

    /// <summary>Stopwatch timestamp at which callers stop warming up.</summary>
    public long WarmupDeadline { get; } = warmupDeadline;

    /// <summary>Completes when every caller has finished warming up (or failed).</summary>
    public Task AllWarm => _allWarm.Task;

    /// <summary>Completes when the measured phase starts; cancelled when the measurement is abandoned.</summary>
    public Task Go => _go.Task;

    /// <summary>Stopwatch timestamp at which the measured phase started.</summary>
    public long MeasureStart => Volatile.Read(ref _measureStart);

    /// <summary>Stopwatch timestamp after which callers start no new call.</summary>
    public long MeasureDeadline => Volatile.Read(ref _measureDeadline);

    /// <summary>A caller has finished warming up (or failed) and has no call in flight.</summary>
    public void Arrive()
    {
        if (Interlocked.Decrement(ref _waiting) == 0)
        {
            _allWarm.TrySetResult();
        }
    }

    /// <summary>Starts the measured phase of <paramref name="duration"/> now.</summary>
    public void Start(TimeSpan duration)
    {
        var now = Stopwatch.GetTimestamp();
        Volatile.Write(ref _measureDeadline, now + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        Volatile.Write(ref _measureStart, now);
        _go.TrySetResult();
    }

    /// <summary>Releases waiting callers without measuring.</summary>
    public void Abandon() => _go.TrySetCanceled();
}
