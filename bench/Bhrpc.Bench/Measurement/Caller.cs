using System.Diagnostics;

namespace Bhrpc.Bench.Measurement;

/// <summary>
/// A caller of calls returning <typeparamref name="T"/>. The loop itself allocates nothing per call:
/// one async state machine for the caller's whole life, timestamps into its preallocated slice of
/// the <see cref="SampleBuffer"/> (recording stops, calling does not, when the slice is full).
/// </summary>
/// <param name="call">One call; must not allocate beyond what the system under test allocates.</param>
/// <param name="isExpected">A cheap check of the result; a wrong result stops the caller with an error.</param>
/// <param name="what">Names the call in error messages.</param>
internal sealed class Caller<T>(Func<ValueTask<T>> call, Func<T, bool> isExpected, string what) : ICaller
{
    /// <summary>A bound on each phase besides its deadline: far more calls than one caller makes in an hour.</summary>
    public const long MaxCallsPerPhase = 1_000_000_000;

    public long Calls { get; private set; }

    public int Recorded { get; private set; }

    public long EndTimestamp { get; private set; }

    public Exception? Error { get; private set; }

    public async Task RunAsync(PhaseControl phases, SampleBuffer samples, int index)
    {
        var arrived = false;
        try
        {
            for (long warm = 0; warm < MaxCallsPerPhase && Stopwatch.GetTimestamp() < phases.WarmupDeadline; warm++)
            {
                Check(await call().ConfigureAwait(false));
            }

            arrived = true;
            phases.Arrive();
            await phases.Go.ConfigureAwait(false);

            var slice = samples.SliceOf(index);
            var deadline = phases.MeasureDeadline;
            long calls = 0;
            var recorded = 0;
            var end = phases.MeasureStart;
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                if (start >= deadline || calls >= MaxCallsPerPhase)
                {
                    break;
                }

                Check(await call().ConfigureAwait(false));
                end = Stopwatch.GetTimestamp();
                calls++;
                if (recorded < slice.Count)
                {
                    slice[recorded++] = end - start;
                }
            }

            Calls = calls;
            Recorded = recorded;
            EndTimestamp = end;
        }
        catch (OperationCanceledException) when (phases.Go.IsCanceled)
        {
            // The measurement was abandoned before it started.
        }
        catch (Exception e)
        {
            Error = e;
        }
        finally
        {
            if (!arrived)
            {
                phases.Arrive();
            }
        }
    }

    private void Check(T result)
    {
        if (!isExpected(result))
        {
            throw new InvalidDataException($"{what} returned an unexpected result.");
        }
    }
}
