using Bhrpc.Bench.Orchestration;
using Bhrpc.Bench.Server;

namespace Bhrpc.Bench;

/// <summary>
/// <c>Bhrpc.Bench [options]</c> runs the benchmark (see <see cref="BenchOptions.Usage"/>);
/// <c>Bhrpc.Bench server --system &lt;name&gt;</c> is the server child it starts.
/// </summary>
internal static class Program
{
    // A synchronous Main: the main thread is not a thread-pool thread, so its blocking waits
    // (the child's stdin reads, the orchestrator's final wait) take nothing from the pool.
    public static int Main(string[] args)
    {
        if (args is ["server", .. var serverArgs])
        {
            return ServerMode.Run(serverArgs);
        }

        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        return new Orchestrator(options).RunAsync().GetAwaiter().GetResult();
    }
}
