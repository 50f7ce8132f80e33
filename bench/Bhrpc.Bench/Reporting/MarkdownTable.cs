using System.Globalization;
using System.Text;
using Bhrpc.Bench.Systems;

namespace Bhrpc.Bench.Reporting;

/// <summary>The results as one Markdown table, then the notes of any result that has one.</summary>
internal static class MarkdownTable
{
    public static string Render(ResultSet results)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | system | calls/s | p50 µs | p99 µs | p99.9 µs | client B/call | server B/call | CPU µs/call | vs raw | vs http1 | vs http2 | vs grpc |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var notes = new List<string>();
        foreach (var (scenario, result) in results.Rows())
        {
            if (result.Failed)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {scenario.Name} | {result.System} | FAILED | | | | | | | | | | |");
                notes.Add($"{scenario.Name} {result.System} failed: {result.Error}");
                continue;
            }

            text.AppendLine(string.Join(" | ", [
                $"| {scenario.Name}",
                result.System,
                Number(result.CallsPerSecond, "N0"),
                Number(result.P50Us, "N1"),
                Number(result.P99Us, "N1"),
                Number(result.P999Us, "N1"),
                Number(result.ClientBytesPerCall, "N0"),
                Number(result.ServerBytesPerCall, "N0"),
                Number(result.CpuUsPerCall, "N1"),
                Ratio(results.Ratio(scenario, result, SystemCatalog.Raw)),
                Ratio(results.Ratio(scenario, result, SystemCatalog.Http1)),
                Ratio(results.Ratio(scenario, result, SystemCatalog.Http2)),
                Ratio(results.Ratio(scenario, result, SystemCatalog.Grpc)) + " |",
            ]));
            if (result.Note is not null)
            {
                notes.Add($"{scenario.Name} {result.System}: {result.Note}");
            }
        }

        text.AppendLine();
        text.AppendLine("Ratios are calls/s over the reference's calls/s (higher is better), except S2: p50 over the reference's p50 (lower is better).");
        text.AppendLine("CPU µs/call is client plus server process time; B/call is GC.GetTotalAllocatedBytes per call in each process.");
        foreach (var note in notes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }

        return text.ToString();
    }

    private static string Number(double value, string format)
        => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Ratio(double? ratio)
        => ratio is { } value ? value.ToString(value >= 10 ? "F1" : "F2", CultureInfo.InvariantCulture) + "×" : "-";
}
