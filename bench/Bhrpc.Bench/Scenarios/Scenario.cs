namespace Bhrpc.Bench.Scenarios;

/// <summary>One load shape: what each caller calls, how many callers, over how many connections.</summary>
/// <param name="Name">For example <c>S4-1KiB</c>.</param>
/// <param name="Description">One line for the report.</param>
/// <param name="Kind">The method called.</param>
/// <param name="PayloadBytes">The byte array size for <see cref="WorkloadKind.Bytes"/>; 0 otherwise.</param>
/// <param name="Callers">Concurrent callers, each making one call at a time.</param>
/// <param name="Connections">Connections the callers are spread over (round robin).</param>
/// <param name="LatencyBound">Compared by p50 latency rather than by calls per second (S2).</param>
internal sealed record Scenario(string Name, string Description, WorkloadKind Kind, int PayloadBytes, int Callers, int Connections, bool LatencyBound = false)
{
    /// <summary>The connection caller <paramref name="caller"/> uses.</summary>
    public int ConnectionOf(int caller) => caller % Connections;

    /// <summary>Callers on the busiest connection.</summary>
    public int CallersPerConnection => (Callers + Connections - 1) / Connections;
}
