namespace Bhrpc.Bench.Scenarios;

/// <summary>Which service method a scenario calls.</summary>
internal enum WorkloadKind
{
    /// <summary><c>EchoAsync(string)</c> with the 16-character string.</summary>
    Echo,

    /// <summary><c>EchoOrderAsync(BenchOrder)</c>.</summary>
    Order,

    /// <summary><c>EchoBytesAsync(byte[])</c> of <see cref="Scenario.PayloadBytes"/> bytes.</summary>
    Bytes,

    /// <summary>The 16-char echo through a synchronous method: each caller's thread waits (S6).</summary>
    SyncEcho,
}
