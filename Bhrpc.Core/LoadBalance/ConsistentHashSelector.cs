using Bhrpc.Cluster;

namespace Bhrpc.LoadBalance;

/// <summary>
/// The ring of one consistent-hash balancer, cached by provider list. The same list object (the client makes one
/// per registry update) costs a reference check; another list object with the same addresses, or with fewer (the
/// cluster leaving out excluded or ejected providers), reuses the ring and costs one map of the list onto it, made
/// once per list object; only a list with an address the ring lacks (or, when weighted, a changed weight) builds a
/// new ring. Thread-safe: readers see immutable views; refreshes take a lock.
/// </summary>
internal sealed class ConsistentHashSelector
{
    private readonly Lock _lock = new();
    private readonly int _nodesPerWeight;
    private readonly bool _weighted;
    private volatile View? _latest;
    private volatile View? _previous;
    private int _rebuilds;

    public ConsistentHashSelector(int nodesPerWeight, bool weighted)
    {
        _nodesPerWeight = nodesPerWeight;
        _weighted = weighted;
    }

    /// <summary>How many rings were built so far.</summary>
    public int Rebuilds => Volatile.Read(ref _rebuilds);

    public Provider Select(IReadOnlyList<Provider> providers, int hash)
    {
        var view = _latest;
        if (view is null || !ReferenceEquals(view.Providers, providers))
        {
            // Two views, so that a cluster alternating between the whole list and a retry's narrower one maps neither again.
            var previous = _previous;
            view = previous is not null && ReferenceEquals(previous.Providers, providers) ? previous : Refresh(providers);
        }

        return providers[view.Ring.Lookup(hash, view.ListIndexByOwner)];
    }

    private View Refresh(IReadOnlyList<Provider> providers)
    {
        lock (_lock)
        {
            var latest = _latest;
            if (latest is not null && ReferenceEquals(latest.Providers, providers))
            {
                return latest;
            }

            View view;
            if (latest is not null && latest.Ring.TryMap(providers, _weighted, out var map))
            {
                view = new View(providers, latest.Ring, map);
            }
            else
            {
                var ring = ConsistentHashRing.Build(providers, _nodesPerWeight, _weighted, out map);
                Interlocked.Increment(ref _rebuilds);
                view = new View(providers, ring, map);
            }

            _previous = latest;
            _latest = view;
            return view;
        }
    }

    /// <summary>A ring and how one provider list maps onto it.</summary>
    private sealed record View(IReadOnlyList<Provider> Providers, ConsistentHashRing Ring, int[] ListIndexByOwner);
}
