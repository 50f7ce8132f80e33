using System.Globalization;
using Bhrpc.Bench.Measurement;
using Bhrpc.Bench.Systems;

namespace Bhrpc.Bench.Server;

/// <summary>
/// The child process: <c>server --system &lt;name&gt; [--max-seconds &lt;s&gt;]</c>. Starts that system's
/// server, prints <c>port &lt;endpoint&gt; &lt;port&gt;</c> lines and then <c>ready</c>, and answers line
/// commands on stdin: <c>stats</c> (one <see cref="ProcessSnapshot"/> line) and <c>quit</c>. It also
/// stops when stdin closes (the orchestrator went away) and after <c>--max-seconds</c> whatever happens.
/// </summary>
internal static class ServerMode
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs on the main thread, which is not a thread-pool thread, so blocking reads of stdin starve nothing.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        string? system = null;
        var maxSeconds = 3600.0;
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--system":
                    system = args[i + 1];
                    break;
                case "--max-seconds" when double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    maxSeconds = seconds;
                    break;
                default:
                    Console.Error.WriteLine($"server: unknown option or bad value: {args[i]} {args[i + 1]} (--max-seconds takes a positive number).");
                    return 2;
            }
        }

        if (system is null || SystemCatalog.CreateServerHost(system) is not { } host)
        {
            Console.Error.WriteLine($"server: --system must name {SystemCatalog.Expected}; got '{system}'.");
            return 2;
        }

        // Whatever else happens, the child never outlives its budget.
        using var watchdog = new Timer(_ => Environment.Exit(3), null, TimeSpan.FromSeconds(maxSeconds), Timeout.InfiniteTimeSpan);
        try
        {
            using var starting = new CancellationTokenSource(s_startTimeout);
            var ports = host.StartAsync(starting.Token).GetAwaiter().GetResult();
            foreach (var (name, port) in ports)
            {
                Console.WriteLine($"port {name} {port}");
            }

            Console.WriteLine("ready");
            Serve();
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"server: {system} failed: {e}");
            return 1;
        }
        finally
        {
            var stopping = host.DisposeAsync().AsTask();
            if (!stopping.Wait(TimeSpan.FromSeconds(5)))
            {
                Console.Error.WriteLine("server: stopping took over 5 s; exiting anyway.");
            }
        }
    }

    private static void Serve()
    {
        while (Console.In.ReadLine() is { } line)
        {
            switch (line.Trim())
            {
                case "stats":
                    Console.WriteLine(ProcessSnapshot.Take().ToLine());
                    break;
                case "quit":
                    return;
                case "":
                    break;
                default:
                    Console.WriteLine($"error unknown command '{line}'; expected stats or quit");
                    break;
            }
        }
    }
}
