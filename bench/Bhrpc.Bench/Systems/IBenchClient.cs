using Bhrpc.Bench.Measurement;

namespace Bhrpc.Bench.Systems;

/// <summary>A connected client for one scenario: makes the scenario's callers, closes its connections when disposed.</summary>
internal interface IBenchClient : IAsyncDisposable
{
    /// <summary>Caller number <paramref name="index"/> (0-based), on connection <c>index % Connections</c>.</summary>
    ICaller CreateCaller(int index);
}
