using Bhrpc.Bench.Scenarios;

namespace Bhrpc.Bench.Systems;

/// <summary>The client side of one system under test, in the orchestrator process.</summary>
internal interface IBenchSystem
{
    /// <summary>For example <c>bhrpc-json</c>.</summary>
    string Name { get; }

    /// <summary>Whether it can run <paramref name="scenario"/> (only bhrpc has synchronous methods for S6); default all.</summary>
    bool Runs(Scenario scenario) => scenario.Kind != WorkloadKind.SyncEcho;

    /// <summary>
    /// Opens the connections <paramref name="scenario"/> asks for to the server child's endpoints
    /// (<paramref name="ports"/>, by endpoint name) and makes one checked call on each.
    /// </summary>
    Task<IBenchClient> ConnectAsync(IReadOnlyDictionary<string, int> ports, Scenario scenario, CancellationToken cancellationToken);
}
