namespace Bhrpc.Bench.Scenarios;

/// <summary>The scenarios of the benchmark, in report order.</summary>
internal static class ScenarioCatalog
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("S1", "small unary: EchoAsync(16-char string), 64 callers on one connection", WorkloadKind.Echo, 0, 64, 1),
        new("S2", "one caller: EchoAsync(16-char string), sequential", WorkloadKind.Echo, 0, 1, 1, LatencyBound: true),
        new("S3", "object: EchoOrderAsync(10-field object with a list of 5), 64 callers", WorkloadKind.Order, 0, 64, 1),
        new("S4-1KiB", "payload: EchoBytesAsync(1 KiB), 16 callers", WorkloadKind.Bytes, 1024, 16, 1),
        new("S4-64KiB", "payload: EchoBytesAsync(64 KiB), 16 callers", WorkloadKind.Bytes, 64 * 1024, 16, 1),
        new("S5", "fan-in: EchoAsync(16-char string), 1,024 callers over 8 connections", WorkloadKind.Echo, 0, 1024, 8),
        new("S6", "sync callers: Echo(16-char string), a synchronous method, 256 callers each blocking a thread-pool thread, one connection (bhrpc only)", WorkloadKind.SyncEcho, 0, 256, 1),
    ];

    /// <summary>
    /// The scenarios named in <paramref name="names"/> (comma-separated, case-insensitive); a name
    /// without a size suffix selects every variant (<c>S4</c> selects S4-1KiB and S4-64KiB).
    /// </summary>
    public static IReadOnlyList<Scenario> Select(string names)
    {
        var wanted = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var selected = new List<Scenario>();
        foreach (var name in wanted)
        {
            var matches = All.Where(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)
                || s.Name.StartsWith(name + "-", StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 0)
            {
                throw new ArgumentException($"--scenarios: unknown scenario '{name}'; expected some of {string.Join(",", All.Select(s => s.Name))} (S4 selects both sizes).");
            }

            selected.AddRange(matches);
        }

        // Report order, each once.
        return [.. All.Where(selected.Contains)];
    }
}
