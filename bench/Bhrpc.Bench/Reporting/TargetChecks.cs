using System.Globalization;
using Bhrpc.Bench.Measurement;
using Bhrpc.Bench.Systems;

namespace Bhrpc.Bench.Reporting;

/// <summary>
/// The targets of the benchmark's issues (12, and 11's pipeline cost), one PASS/FAIL line each per bhrpc system (SKIP when a
/// result it needs was not measured or failed).
/// </summary>
internal static class TargetChecks
{
    // Issue 12's targets (ratios within one run).
    private const double MaxBytesPerCall = 400;
    private const double MinS1TimesRaw = 0.6;
    private const double MinTimesHttp1 = 10;
    private const double MinTimesGrpc = 10;
    private const double MinTimesStreamJsonRpc = 4;
    private const double MaxS2P50TimesRaw = 1.3;
    private const double MinS3TimesRawJson = 0.25;
    private const double MinS3TimesRawMsgpack = 0.5;
    private const double MinS4TimesRaw = 0.7;
    private const double MinS5TimesS1 = 0.9;
    private const double MinS6TimesS1 = 0.5;

    /// <summary>Issue 11: failover with two do-nothing filters keeps at least this share of the direct path's S1 throughput.</summary>
    private const double MaxPipelineLoss = 0.85;

    public static IEnumerable<string> Lines(ResultSet results)
    {
        foreach (var bhrpc in results.BhrpcSystems)
        {
            var s1 = results.Find("S1", bhrpc);
            yield return Faster(results, "S1", bhrpc, SystemCatalog.Raw, MinS1TimesRaw);
            yield return Faster(results, "S1", bhrpc, SystemCatalog.Http1, MinTimesHttp1);
            yield return Faster(results, "S1", bhrpc, SystemCatalog.Grpc, MinTimesGrpc);
            yield return Faster(results, "S1", bhrpc, SystemCatalog.StreamJsonRpc, MinTimesStreamJsonRpc);
            yield return Check(
                $"S2 {bhrpc} p50 <= {MaxS2P50TimesRaw:0.##} x raw p50",
                results.Find("S2", bhrpc), results.Find("S2", SystemCatalog.Raw),
                (a, b) => (a.P50Us <= MaxS2P50TimesRaw * b.P50Us, $"{a.P50Us.ToString("F1", CultureInfo.InvariantCulture)} µs vs raw {b.P50Us.ToString("F1", CultureInfo.InvariantCulture)} µs ({Ratio(a.P50Us / b.P50Us)})"));
            yield return Faster(results, "S3", bhrpc, SystemCatalog.Raw, SystemCatalog.SerializerOf(bhrpc) == "msgpack" ? MinS3TimesRawMsgpack : MinS3TimesRawJson);
            yield return Faster(results, "S4-1KiB", bhrpc, SystemCatalog.Raw, MinS4TimesRaw);
            yield return Check(
                $"S1 {bhrpc} allocations <= {MaxBytesPerCall:F0} B/call on each side",
                s1, s1,
                (a, _) => (a.ClientBytesPerCall <= MaxBytesPerCall && a.ServerBytesPerCall <= MaxBytesPerCall, $"client {Int(a.ClientBytesPerCall)} B, server {Int(a.ServerBytesPerCall)} B"));
            yield return Check(
                $"S5 {bhrpc} calls/s >= {MinS5TimesS1:0.##} x S1 {bhrpc} calls/s",
                results.Find("S5", bhrpc), s1,
                (a, b) => (a.CallsPerSecond >= MinS5TimesS1 * b.CallsPerSecond, $"{Int(a.CallsPerSecond)} vs S1 {Int(b.CallsPerSecond)} ({Ratio(a.CallsPerSecond / b.CallsPerSecond)})"));
            yield return Check(
                $"S6 {bhrpc} calls/s >= {MinS6TimesS1:0.##} x S1 {bhrpc} calls/s",
                results.Find("S6", bhrpc), s1,
                (a, b) => (a.CallsPerSecond >= MinS6TimesS1 * b.CallsPerSecond, $"{Int(a.CallsPerSecond)} vs S1 {Int(b.CallsPerSecond)} ({Ratio(a.CallsPerSecond / b.CallsPerSecond)})"));
            if (SystemCatalog.VariantOf(bhrpc) == BhrpcVariant.TwoFilters)
            {
                // The pipeline with failover and two filters against the direct path of the same serializer, same run.
                var direct = $"{SystemCatalog.BhrpcPrefix}{SystemCatalog.SerializerOf(bhrpc)}{SystemCatalog.VariantSeparator}{SystemCatalog.FailfastVariant}";
                yield return Faster(results, "S1", bhrpc, direct, MaxPipelineLoss);
            }
        }
    }

    /// <summary>Whether <paramref name="system"/>'s calls/s in <paramref name="scenario"/> is at least <paramref name="factor"/> × <paramref name="reference"/>'s.</summary>
    private static string Faster(ResultSet results, string scenario, string system, string reference, double factor)
        => Check(
            $"{scenario} {system} calls/s >= {factor:0.##} x {reference}",
            results.Find(scenario, system), results.Find(scenario, reference),
            (a, b) => (a.CallsPerSecond >= factor * b.CallsPerSecond, $"{Int(a.CallsPerSecond)} vs {reference} {Int(b.CallsPerSecond)} ({Ratio(a.CallsPerSecond / b.CallsPerSecond)})"));

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
