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
