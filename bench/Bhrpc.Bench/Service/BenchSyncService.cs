namespace Bhrpc.Bench.Service;

/// <summary>The provider side of <see cref="IBenchSyncService"/>.</summary>
internal sealed class BenchSyncService : IBenchSyncService
{
    public string Echo(string text) => text;
}
