namespace Bhrpc.Bench.Service;

/// <summary>The synchronous contract of S6: only bhrpc serves it (the peers offer no synchronous client).</summary>
public interface IBenchSyncService
{
    /// <summary>Returns <paramref name="text"/>; the caller's thread waits.</summary>
    string Echo(string text);
}
