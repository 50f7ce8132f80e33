using System.Collections.Concurrent;
using Bhrpc.Cluster;

namespace Bhrpc.Client.Internal;

/// <summary>The statistics of every provider address a client calls, shared by its references and its connection pool.</summary>
internal sealed class ProviderStatsTable(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, ProviderStats> _stats = new(StringComparer.Ordinal);

    /// <summary>The statistics of <paramref name="address"/> (<c>host:port</c>, as <see cref="Registry.ServiceInstance.Address"/>).</summary>
    public ProviderStats For(string address) => _stats.GetOrAdd(address, static (a, c) => new ProviderStats(a, c), clock);
}
