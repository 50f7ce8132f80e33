using System.Diagnostics;
using System.Globalization;
using Bhrpc.Bench.Measurement;
using Bhrpc.Bench.Reporting;
using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Systems;

namespace Bhrpc.Bench.Orchestration;

/// <summary>
/// The client side: for each run and system, starts that system's server child, measures every
/// scenario against it, stops the child; then prints the table, the target checks and JSON lines.
/// Progress goes to stderr so stdout holds only the report: before each measurement, which of how many it is,
/// the time so far, the scenario and system and its phases; after it, its figures.
/// </summary>
internal sealed class Orchestrator(BenchOptions options)
{
    /// <summary>
    /// Extra warm-up of the first scenario on each fresh server child. Both processes are still
    /// tiering up their JIT code then (tier 0, instrumented, tier 1, compiled in the background on
    /// cores the load keeps busy), which would otherwise count against whichever scenario runs first.
    /// </summary>
    private static readonly TimeSpan s_firstScenarioExtraWarmup = TimeSpan.FromSeconds(2);

    /// <summary>Runs the benchmark; 0 when every measurement succeeded, 1 otherwise.</summary>
    public async Task<int> RunAsync()
    {
        Console.WriteLine("# bhrpc.NET load benchmark");
        Console.WriteLine();
        foreach (var line in MachineInfo.Lines())
        {
            Console.WriteLine(line);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- warm-up {options.Warmup.TotalSeconds:0.###} s, measured {options.Duration.TotalSeconds:0.###} s per scenario and system, {options.Runs} run(s){(options.Runs > 1 ? " (medians)" : string.Empty)}; client and server in separate processes over 127.0.0.1"));
        if (options.Warmup > TimeSpan.Zero)
        {
            Console.WriteLine($"- the first scenario on each fresh server child warms up {s_firstScenarioExtraWarmup.TotalSeconds:0} s longer (JIT tiering of both processes)");
        }

        var systems = new List<string>();
        foreach (var name in options.Systems)
        {
            if (SystemCatalog.Unavailable(name) is { } why)
            {
                Console.WriteLine($"- note: {why}");
            }
            else
            {
                systems.Add(name);
            }
        }

        Console.WriteLine();
        if (systems.Count == 0)
        {
            Console.Error.WriteLine("none of the systems asked for can run in this build; nothing to measure.");
            return 2;
        }

        var measured = await MeasureAsync(systems).ConfigureAwait(false);
        var results = new ResultSet(
            options.Scenarios,
            systems,
            [.. measured.GroupBy(r => (r.Scenario, r.System)).Select(g => ResultMedian.Of([.. g]))]);

        Console.WriteLine($"- load average after the run: {MachineInfo.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("## Scenarios");
        Console.WriteLine();
        foreach (var scenario in options.Scenarios)
        {
            Console.WriteLine($"- {scenario.Name}: {scenario.Description}");
        }

        Console.WriteLine();
        Console.WriteLine("## Results");
        Console.WriteLine();
        Console.Write(MarkdownTable.Render(results));
        Console.WriteLine();
        Console.WriteLine("## Targets");
        Console.WriteLine();
        foreach (var line in TargetChecks.Lines(results))
        {
            Console.WriteLine(line);
        }

        Console.WriteLine();
        var json = JsonLines.Lines(results).ToList();
        foreach (var line in json)
        {
            Console.WriteLine(line);
        }

        if (options.JsonFile is { } file)
        {
            await File.WriteAllLinesAsync(file, json).ConfigureAwait(false);
        }

        return results.Rows().Any(r => r.Result.Failed) ? 1 : 0;
    }

    private async Task<List<BenchResult>> MeasureAsync(IReadOnlyList<string> systems)
    {
        var samples = new SampleBuffer(SampleBuffer.DefaultCapacity);
        var runner = new ScenarioRunner(options.Duration, samples);
        var perScenario = options.Warmup + s_firstScenarioExtraWarmup + options.Duration + TimeSpan.FromSeconds(120);
        var childLifetime = perScenario * options.Scenarios.Count + TimeSpan.FromSeconds(120);
        var results = new List<BenchResult>();
        var total = options.Runs * systems.Sum(n => options.Scenarios.Count(SystemCatalog.Create(n).Runs));
        var done = 0;
        var clock = Stopwatch.StartNew();
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var name in systems)
            {
                var system = SystemCatalog.Create(name);
                Progress($"[{done}/{total} done, {clock.Elapsed.TotalSeconds:F0} s] run {run}/{options.Runs}: starting the {name} server");
                ServerProcess server;
                try
                {
                    server = await ServerProcess.StartAsync(name, childLifetime).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    Progress($"  {name}: server did not start: {e.Message}");
                    var scenarios = options.Scenarios.Where(system.Runs).ToList();
                    results.AddRange(scenarios.Select(s => BenchResult.Failure(s.Name, name, $"server did not start: {e.Message}")));
                    done += scenarios.Count;
                    continue;
                }

                await using (server.ConfigureAwait(false))
                {
                    var first = true;
                    foreach (var scenario in options.Scenarios.Where(system.Runs))
                    {
                        var warmup = first && options.Warmup > TimeSpan.Zero ? options.Warmup + s_firstScenarioExtraWarmup : options.Warmup;
                        first = false;
                        Progress(string.Create(CultureInfo.InvariantCulture, $"[{done + 1}/{total}, {clock.Elapsed.TotalSeconds:F0} s] run {run}/{options.Runs} {scenario.Name} {name}: warm-up {warmup.TotalSeconds:0.###} s, then {options.Duration.TotalSeconds:0.###} s measured"));
                        var result = await runner.RunAsync(system, server, scenario, warmup).ConfigureAwait(false);
                        done++;
                        Progress(Summary(run, scenario, result));
                        results.Add(result);
                    }
                }
            }
        }

        return results;
    }

    private string Summary(int run, Scenario scenario, BenchResult result) => result.Failed
        ? $"  run {run}/{options.Runs} {scenario.Name} {result.System}: FAILED {result.Error}"
        : string.Create(CultureInfo.InvariantCulture, $"  run {run}/{options.Runs} {scenario.Name} {result.System}: {result.CallsPerSecond:N0} calls/s, p50 {result.P50Us:F1} µs, client {result.ClientBytesPerCall:F0} B/call, server {result.ServerBytesPerCall:F0} B/call");

    private static void Progress(string line) => Console.Error.WriteLine(line);
}
