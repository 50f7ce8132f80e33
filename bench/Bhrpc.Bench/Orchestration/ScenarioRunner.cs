using System.Diagnostics;
using Bhrpc.Bench.Measurement;
using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Systems;

namespace Bhrpc.Bench.Orchestration;

/// <summary>
/// Measures one (scenario, system): connect, warm up, snapshot both processes with no call in
/// flight, run the measured phase, snapshot again. Never throws: a failure becomes a failed result.
/// Every wait is bounded; a stuck measurement is abandoned and its connections closed.
/// </summary>
internal sealed class ScenarioRunner(TimeSpan duration, SampleBuffer samples)
{
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(30);

    // Longer than one call may take (bhrpc and HTTP time calls out after 30 s).
    private static readonly TimeSpan s_slack = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan s_disposeTimeout = TimeSpan.FromSeconds(10);

    public async Task<BenchResult> RunAsync(IBenchSystem system, ServerProcess server, Scenario scenario, TimeSpan warmup)
    {
        if (scenario.Kind != WorkloadKind.SyncEcho)
        {
            return await MeasureAsync(system, server, scenario, warmup).ConfigureAwait(false);
        }

        // Each synchronous caller holds a pool thread for the whole scenario: let the pool have them at once
        // instead of adding one thread every half second (what an app that calls synchronously would configure).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, scenario.Callers + (2 * Environment.ProcessorCount)), io);
        try
        {
            return await MeasureAsync(system, server, scenario, warmup).ConfigureAwait(false);
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, io);
        }
    }

    private async Task<BenchResult> MeasureAsync(IBenchSystem system, ServerProcess server, Scenario scenario, TimeSpan warmup)
    {
        IBenchClient? client = null;
        PhaseControl? phases = null;
        Task[] running = [];
        try
        {
            // Start from a clean heap so one scenario's garbage is not collected in the next's window.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using (var connecting = new CancellationTokenSource(s_connectTimeout))
            {
                client = await system.ConnectAsync(server.Ports, scenario, connecting.Token).ConfigureAwait(false);
            }

            samples.Prepare(scenario.Callers);
            var callers = Enumerable.Range(0, scenario.Callers).Select(client.CreateCaller).ToArray();
            phases = new PhaseControl(callers.Length, Stopwatch.GetTimestamp() + Ticks(warmup));
            running = [.. callers.Select((caller, index) => caller.RunAsync(phases, samples, index))];

            await phases.AllWarm.WaitAsync(warmup + s_slack).ConfigureAwait(false);
            ThrowIfAnyFailed(callers, "warm-up");

            var serverBefore = await server.StatsAsync().ConfigureAwait(false);
            var clientBefore = ProcessSnapshot.Take();
            phases.Start(duration);
            await Task.WhenAll(running).WaitAsync(duration + s_slack).ConfigureAwait(false);
            var clientUsed = ProcessSnapshot.Take() - clientBefore;
            var serverUsed = await server.StatsAsync().ConfigureAwait(false) - serverBefore;
            ThrowIfAnyFailed(callers, "measured phase");

            return Summarize(system.Name, scenario, callers, phases, clientUsed, serverUsed);
        }
        catch (Exception e)
        {
            phases?.Abandon();
            return BenchResult.Failure(scenario.Name, system.Name, Describe(e));
        }
        finally
        {
            await CloseAsync(client, running).ConfigureAwait(false);
        }
    }

    private BenchResult Summarize(string system, Scenario scenario, ICaller[] callers, PhaseControl phases, ProcessSnapshot client, ProcessSnapshot server)
    {
        var calls = callers.Sum(c => c.Calls);
        if (calls == 0)
        {
            throw new InvalidOperationException("no call completed in the measured phase.");
        }

        var seconds = (callers.Max(c => c.EndTimestamp) - phases.MeasureStart) / (double)Stopwatch.Frequency;
        var sorted = samples.MergeSorted(callers);
        var clientCpu = client.CpuTime.TotalMicroseconds / calls;
        var serverCpu = server.CpuTime.TotalMicroseconds / calls;
        return new BenchResult(
            scenario.Name,
            system,
            calls / seconds,
            Percentiles.Microseconds(sorted, 50),
            Percentiles.Microseconds(sorted, 99),
            Percentiles.Microseconds(sorted, 99.9),
            client.AllocatedBytes / (double)calls,
            server.AllocatedBytes / (double)calls,
            clientCpu + serverCpu,
            clientCpu,
            serverCpu,
            calls,
            seconds,
            sorted.Length,
            Runs: 1,
            ClientGcs: client.Gen0Collections,
            ServerGcs: server.Gen0Collections,
            Note: sorted.Length < calls ? $"latency recorded for {sorted.Length:N0} of {calls:N0} calls (sample buffer full)" : null);
    }

    private static void ThrowIfAnyFailed(ICaller[] callers, string phase)
    {
        var failed = callers.Where(c => c.Error is not null).ToList();
        if (failed.Count > 0)
        {
            throw new InvalidOperationException($"{failed.Count} of {callers.Length} callers failed in the {phase}; first: {Describe(failed[0].Error!)}", failed[0].Error);
        }
    }

    private static async Task CloseAsync(IBenchClient? client, Task[] running)
    {
        try
        {
            if (client is not null)
            {
                // Closing the connections also fails any call still pending, which ends its caller.
                await client.DisposeAsync().AsTask().WaitAsync(s_disposeTimeout).ConfigureAwait(false);
            }

            await Task.WhenAll(running).WaitAsync(s_disposeTimeout).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"  (closing the client: {Describe(e)})");
        }
    }

    private static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
