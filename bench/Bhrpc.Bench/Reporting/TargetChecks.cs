using System.Globalization;
using Bhrpc.Bench.Measurement;
using Bhrpc.Bench.Systems;

namespace Bhrpc.Bench.Reporting;

/// <summary>
/// The targets of the benchmark's issue, one PASS/FAIL line each per bhrpc system (SKIP when a
/// result it needs was not measured or failed).
/// </summary>
internal static class TargetChecks
{
    private const double MaxBytesPerCall = 600;

    /// <summary>Issue 12: S1 at least this many times grpc-dotnet's calls/s in the same run.</summary>
    private const double MinTimesGrpc = 10;

    /// <summary>Issue 12: S1 at least this many times StreamJsonRpc's calls/s in the same run.</summary>
    private const double MinTimesStreamJsonRpc = 4;

    /// <summary>Failover with two do-nothing filters keeps at least this share of the direct path's S1 throughput.</summary>
    private const double MaxPipelineLoss = 0.85;

    public static IEnumerable<string> Lines(ResultSet results)
    {
        foreach (var bhrpc in results.BhrpcSystems)
        {
            var s1 = results.Find("S1", bhrpc);
            var s1Raw = results.Find("S1", SystemCatalog.Raw);
            var s1Http = results.Find("S1", SystemCatalog.Http1);
            var s1Grpc = results.Find("S1", SystemCatalog.Grpc);
            var s1StreamJsonRpc = results.Find("S1", SystemCatalog.StreamJsonRpc);
            var s2 = results.Find("S2", bhrpc);
            var s2Raw = results.Find("S2", SystemCatalog.Raw);
            var s5 = results.Find("S5", bhrpc);

            yield return Check(
                $"S1 {bhrpc} calls/s >= 0.5 x raw",
                s1, s1Raw,
                (a, b) => (a.CallsPerSecond >= 0.5 * b.CallsPerSecond, $"{Int(a.CallsPerSecond)} vs raw {Int(b.CallsPerSecond)} ({Ratio(a.CallsPerSecond / b.CallsPerSecond)})"));
            yield return Check(
                $"S1 {bhrpc} calls/s >= 10 x http1",
                s1, s1Http,
                (a, b) => (a.CallsPerSecond >= 10 * b.CallsPerSecond, $"{Int(a.CallsPerSecond)} vs http1 {Int(b.CallsPerSecond)} ({Ratio(a.CallsPerSecond / b.CallsPerSecond)})"));
            yield return Check(
                $"S1 {bhrpc} calls/s >= {MinTimesGrpc:F0} x grpc",
                s1, s1Grpc,
                (a, b) => (a.CallsPerSecond >= MinTimesGrpc * b.CallsPerSecond, $"{Int(a.CallsPerSecond)} vs grpc {Int(b.CallsPerSecond)} ({Ratio(a.CallsPerSecond / b.CallsPerSecond)})"));
            yield return Check(
                $"S1 {bhrpc} calls/s >= {MinTimesStreamJsonRpc:F0} x streamjsonrpc",
                s1, s1StreamJsonRpc,
                (a, b) => (a.CallsPerSecond >= MinTimesStreamJsonRpc * b.CallsPerSecond, $"{Int(a.CallsPerSecond)} vs streamjsonrpc {Int(b.CallsPerSecond)} ({Ratio(a.CallsPerSecond / b.CallsPerSecond)})"));
            yield return Check(
                $"S2 {bhrpc} p50 <= 1.5 x raw p50",
                s2, s2Raw,
                (a, b) => (a.P50Us <= 1.5 * b.P50Us, $"{a.P50Us.ToString("F1", CultureInfo.InvariantCulture)} µs vs raw {b.P50Us.ToString("F1", CultureInfo.InvariantCulture)} µs ({Ratio(a.P50Us / b.P50Us)})"));
            yield return Check(
                $"S1 {bhrpc} allocations <= {MaxBytesPerCall:F0} B/call on each side",
                s1, s1,
                (a, _) => (a.ClientBytesPerCall <= MaxBytesPerCall && a.ServerBytesPerCall <= MaxBytesPerCall, $"client {Int(a.ClientBytesPerCall)} B, server {Int(a.ServerBytesPerCall)} B"));
            yield return Check(
                $"S5 {bhrpc} calls/s >= 0.8 x S1 {bhrpc} calls/s",
                s5, s1,
                (a, b) => (a.CallsPerSecond >= 0.8 * b.CallsPerSecond, $"{Int(a.CallsPerSecond)} vs S1 {Int(b.CallsPerSecond)} ({Ratio(a.CallsPerSecond / b.CallsPerSecond)})"));
            if (SystemCatalog.VariantOf(bhrpc) == BhrpcVariant.TwoFilters)
            {
                // The pipeline with failover and two filters against the direct path of the same serializer, same run.
                var direct = $"{SystemCatalog.BhrpcPrefix}{SystemCatalog.SerializerOf(bhrpc)}{SystemCatalog.VariantSeparator}{SystemCatalog.FailfastVariant}";
                yield return Check(
                    $"S1 {bhrpc} calls/s >= {MaxPipelineLoss:F2} x S1 {direct}",
                    s1, results.Find("S1", direct),
                    (a, b) => (a.CallsPerSecond >= MaxPipelineLoss * b.CallsPerSecond, $"{Int(a.CallsPerSecond)} vs {Int(b.CallsPerSecond)} ({Ratio(a.CallsPerSecond / b.CallsPerSecond)})"));
            }
        }
    }

    private static string Check(string target, BenchResult? result, BenchResult? reference, Func<BenchResult, BenchResult, (bool Pass, string Detail)> test)
    {
        if (result is null || reference is null || result.Failed || reference.Failed)
        {
            return $"SKIP {target}: not measured";
        }

        var (pass, detail) = test(result, reference);
        return $"{(pass ? "PASS" : "FAIL")} {target}: {detail}";
    }

    private static string Int(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + "x";
}
