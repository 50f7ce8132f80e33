using System.Diagnostics;

namespace Bhrpc.Bench.Measurement;

/// <summary>Nearest-rank percentiles of sorted Stopwatch-tick samples, in microseconds.</summary>
internal static class Percentiles
{
    /// <summary>The sample at rank ceil(p × n); NaN when there are none.</summary>
    public static double Microseconds(ReadOnlySpan<long> sorted, double percentile)
    {
        if (sorted.IsEmpty)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        var ticks = sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
        return ticks * 1_000_000.0 / Stopwatch.Frequency;
    }
}
