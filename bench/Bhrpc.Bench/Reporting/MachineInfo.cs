using System.Runtime;
using System.Runtime.InteropServices;

namespace Bhrpc.Bench.Reporting;

/// <summary>What the numbers were measured on.</summary>
internal static class MachineInfo
{
    public static IEnumerable<string> Lines()
    {
        yield return $"- processors: {Environment.ProcessorCount}; CPU: {CpuModel()}";
        yield return $"- memory available to .NET: {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):F1} GiB";
        yield return $"- OS: {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})";
        yield return $"- .NET: {RuntimeInformation.FrameworkDescription}; GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}";
        yield return $"- load average before the run: {LoadAverage()} (other work on the machine skews every number)";
    }

    /// <summary>The 1, 5 and 15 minute load averages, or "unknown".</summary>
    public static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return fields.Length >= 3 ? string.Join(" ", fields[..3]) : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown" : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown (no /proc/cpuinfo)";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown (/proc/cpuinfo not readable)";
        }
    }
}
