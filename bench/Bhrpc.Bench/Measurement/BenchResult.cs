namespace Bhrpc.Bench.Measurement;

/// <summary>The metrics of one (scenario, system) measurement, or the median of several runs.</summary>
/// <param name="CallsPerSecond">Completed calls over the measured wall time.</param>
/// <param name="P50Us">Median latency, µs.</param>
/// <param name="P99Us">99th percentile latency, µs.</param>
/// <param name="P999Us">99.9th percentile latency, µs.</param>
/// <param name="ClientBytesPerCall">Bytes the client process allocated per call.</param>
/// <param name="ServerBytesPerCall">Bytes the server process allocated per call.</param>
/// <param name="CpuUsPerCall">Client plus server processor time per call, µs.</param>
/// <param name="ClientCpuUsPerCall">Client processor time per call, µs.</param>
/// <param name="ServerCpuUsPerCall">Server processor time per call, µs.</param>
/// <param name="Calls">Calls in the measured phase (summed over runs for a median).</param>
/// <param name="Seconds">Measured wall time.</param>
/// <param name="Samples">Latency samples behind the percentiles.</param>
/// <param name="Runs">Runs behind the numbers.</param>
/// <param name="ClientGcs">Garbage collections in the client process (all generations).</param>
/// <param name="ServerGcs">Garbage collections in the server process (all generations).</param>
/// <param name="Error">Why the measurement failed; null when it did not.</param>
/// <param name="Note">Something to know about numbers that are there (some runs failed, recording stopped early).</param>
internal sealed record BenchResult(
    string Scenario,
    string System,
    double CallsPerSecond,
    double P50Us,
    double P99Us,
    double P999Us,
    double ClientBytesPerCall,
    double ServerBytesPerCall,
    double CpuUsPerCall,
    double ClientCpuUsPerCall,
    double ServerCpuUsPerCall,
    long Calls,
    double Seconds,
    long Samples,
    int Runs,
    double ClientGcs,
    double ServerGcs,
    string? Error = null,
    string? Note = null)
{
    public bool Failed => Error is not null;

    public static BenchResult Failure(string scenario, string system, string error)
        => new(scenario, system, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0, 0, 0, 1, double.NaN, double.NaN, error);
}
