using System.Collections.Concurrent;
using System.Diagnostics;

namespace Bhrpc.Bench.Orchestration;

/// <summary>Kills every server child still alive when the orchestrator exits, however it exits.</summary>
internal static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> s_live = new();
    private static int s_hooked;

    public static void Track(Process process)
    {
        if (Interlocked.Exchange(ref s_hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
            AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
            Console.CancelKeyPress += (_, _) => KillAll();
        }

        s_live[process.Id] = process;
    }

    public static void Forget(Process process) => s_live.TryRemove(process.Id, out _);

    /// <summary>Kills <paramref name="process"/> (and anything it started) if it is still running.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not ours to kill any more.
        }
    }

    private static void KillAll()
    {
        foreach (var process in s_live.Values)
        {
            Kill(process);
        }
    }
}
