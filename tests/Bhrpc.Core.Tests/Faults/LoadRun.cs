using System.Collections.Concurrent;
using System.Diagnostics;

namespace Bhrpc.Tests.Faults;

/// <summary>
/// A paced, bounded load: <see cref="Calls"/> calls issued at <see cref="Rate"/> per second, at most
/// <see cref="Concurrency"/> at once, within <see cref="Limit"/>; a fault starts when call <c>faultAt</c> is issued.
/// Reports failures by status and the completion rate before the fault and during the <see cref="StopFor"/> after it.
/// </summary>
internal static class LoadRun
{
    public const int Calls = 20_000;
    public const int Concurrency = 32;
    public const int Rate = 1_000;

    public static readonly TimeSpan StopFor = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public static async Task<Report> RunAsync(Func<int, Task<int>> call, int faultAt, Func<Task> fault)
    {
        var completedAt = new long[Calls];
        var failures = new ConcurrentDictionary<RpcStatusCode, int>();
        var wrong = 0;
        using var gate = new SemaphoreSlim(Concurrency);
        var watch = Stopwatch.StartNew();
        var running = new List<Task>(Calls);
        Task faultTask = Task.CompletedTask;
        var faultStarted = TimeSpan.Zero;
        var issued = 0;
        for (var i = 0; i < Calls && watch.Elapsed < Limit; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / Rate);
            var early = due - watch.Elapsed;
            if (early > TimeSpan.FromMilliseconds(2))
            {
                await Task.Delay(early);
            }

            if (!await gate.WaitAsync(Limit - watch.Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                break;
            }

            if (i == faultAt)
            {
                faultStarted = watch.Elapsed;
                faultTask = Task.Run(fault);
            }

            var index = i;
            issued++;
            running.Add(RunOneAsync(index));
        }

        await Task.WhenAll(running).WaitAsync(Limit + TimeSpan.FromSeconds(10));
        await faultTask.WaitAsync(TimeSpan.FromSeconds(60));
        var completed = completedAt.Count(t => t != 0);
        return new Report(
            issued,
            completed,
            failures.Values.Sum() + wrong,
            new Dictionary<RpcStatusCode, int>(failures),
            RateBetween(completedAt, TimeSpan.FromSeconds(1), faultAt < 0 ? watch.Elapsed : faultStarted),
            faultAt < 0 ? 0 : RateBetween(completedAt, faultStarted, faultStarted + StopFor),
            faultAt < 0 ? 0 : MinSecondRate(completedAt, faultStarted, faultStarted + StopFor),
            watch.Elapsed);

        async Task RunOneAsync(int index)
        {
            try
            {
                if (await call(index).ConfigureAwait(false) == index)
                {
                    completedAt[index] = watch.ElapsedTicks;
                }
                else
                {
                    Interlocked.Increment(ref wrong);
                }
            }
            catch (RpcException e)
            {
                failures.AddOrUpdate(e.StatusCode, 1, (_, n) => n + 1);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>Calls completed per second between <paramref name="from"/> and <paramref name="to"/> (elapsed times).</summary>
    private static double RateBetween(long[] completedAt, TimeSpan from, TimeSpan to)
    {
        if (to <= from)
        {
            return 0;
        }

        var a = (long)(from.TotalSeconds * Stopwatch.Frequency);
        var b = (long)(to.TotalSeconds * Stopwatch.Frequency);
        return completedAt.Count(t => t > a && t <= b) / (to - from).TotalSeconds;
    }

    /// <summary>The fewest calls completed in any whole second of the window (after its first second).</summary>
    private static double MinSecondRate(long[] completedAt, TimeSpan from, TimeSpan to)
    {
        var min = double.MaxValue;
        for (var start = from; start + TimeSpan.FromSeconds(1) <= to; start += TimeSpan.FromSeconds(1))
        {
            min = Math.Min(min, RateBetween(completedAt, start, start + TimeSpan.FromSeconds(1)));
        }

        return min == double.MaxValue ? 0 : min;
    }

    public sealed record Report(int Issued, int Completed, int Failed, IReadOnlyDictionary<RpcStatusCode, int> FailureStatuses, double NormalRate, double FaultWindowRate, double FaultWindowMinSecond, TimeSpan Took)
    {
        public override string ToString()
            => $"{Completed} of {Issued} calls succeeded, {Failed} failed"
               + (FailureStatuses.Count > 0 ? $" ({string.Join(", ", FailureStatuses.Select(f => $"{f.Key}: {f.Value}"))})" : string.Empty)
               + $"; {NormalRate:F0} calls/s before the fault, {FaultWindowRate:F0} calls/s in the 15 s after it (slowest second {FaultWindowMinSecond:F0}); {Took.TotalSeconds:F1} s";
    }
}
