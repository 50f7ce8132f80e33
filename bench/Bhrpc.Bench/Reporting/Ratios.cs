using Bhrpc.Bench.Measurement;
using Bhrpc.Bench.Scenarios;

namespace Bhrpc.Bench.Reporting;

/// <summary>
/// How a result compares with a reference system in the same scenario: calls per second over
/// the reference's (higher is better), or for a latency-bound scenario (S2) p50 over the
/// reference's p50 (lower is better).
/// </summary>
internal static class Ratios
{
    public static double? Of(Scenario scenario, BenchResult result, BenchResult? reference)
    {
        if (reference is null || result.Failed || reference.Failed)
        {
            return null;
        }

        var ratio = scenario.LatencyBound ? result.P50Us / reference.P50Us : result.CallsPerSecond / reference.CallsPerSecond;
        return double.IsFinite(ratio) ? ratio : null;
    }
}
