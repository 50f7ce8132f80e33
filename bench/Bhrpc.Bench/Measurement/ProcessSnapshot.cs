using System.Globalization;

namespace Bhrpc.Bench.Measurement;

/// <summary>
/// What one process has used so far: bytes allocated (<see cref="GC.GetTotalAllocatedBytes(bool)"/>,
/// precise) and processor time (<see cref="Environment.CpuUsage"/>, the same total as
/// <c>Process.TotalProcessorTime</c>). Taking one allocates nothing, so it can bracket a measured phase.
/// </summary>
internal readonly record struct ProcessSnapshot(long AllocatedBytes, TimeSpan CpuTime, int Gen0Collections, int Gen2Collections)
{
    private const string Prefix = "stats ";

    public static ProcessSnapshot Take() => new(
        GC.GetTotalAllocatedBytes(precise: true),
        Environment.CpuUsage.TotalTime,
        GC.CollectionCount(0),
        GC.CollectionCount(2));

    /// <summary>The line a server child answers <c>stats</c> with.</summary>
    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{AllocatedBytes} {CpuTime.Ticks} {Gen0Collections} {Gen2Collections}");

    /// <summary>Reads a line made by <see cref="ToLine"/>.</summary>
    public static ProcessSnapshot Parse(string line)
    {
        var parts = line.StartsWith(Prefix, StringComparison.Ordinal) ? line[Prefix.Length..].Split(' ') : [];
        if (parts.Length != 4
            || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var allocated)
            || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var cpuTicks)
            || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out var gen0)
            || !int.TryParse(parts[3], CultureInfo.InvariantCulture, out var gen2))
        {
            throw new FormatException($"expected 'stats <allocated bytes> <cpu ticks> <gen0> <gen2>' from the server, got '{line}'.");
        }

        return new ProcessSnapshot(allocated, TimeSpan.FromTicks(cpuTicks), gen0, gen2);
    }

    public static ProcessSnapshot operator -(ProcessSnapshot after, ProcessSnapshot before) => new(
        after.AllocatedBytes - before.AllocatedBytes,
        after.CpuTime - before.CpuTime,
        after.Gen0Collections - before.Gen0Collections,
        after.Gen2Collections - before.Gen2Collections);
}
