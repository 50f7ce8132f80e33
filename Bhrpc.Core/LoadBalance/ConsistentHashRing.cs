using Bhrpc.Cluster;

namespace Bhrpc.LoadBalance;

/// <summary>
/// An immutable consistent-hash ring: every provider owns virtual nodes at the points
/// <see cref="StableHash.OfString"/>(<c>"host:port#i"</c>), so the ring depends only on the set of addresses (and
/// weights, when they count), not on the list's order or the process. A key belongs to the first node at or after
/// its hash, clockwise.
/// </summary>
internal sealed class ConsistentHashRing
{
    private readonly uint[] _points;
    private readonly int[] _owners;
    private readonly Dictionary<string, int> _indexByAddress;
    private readonly int[] _weights;

    private ConsistentHashRing(uint[] points, int[] owners, Dictionary<string, int> indexByAddress, int[] weights)
    {
        _points = points;
        _owners = owners;
        _indexByAddress = indexByAddress;
        _weights = weights;
    }

    /// <summary>The distinct addresses on the ring.</summary>
    public int ProviderCount => _weights.Length;

    /// <summary>The number of virtual nodes (points) on the ring.</summary>
    public int PointCount => _points.Length;

    /// <summary>
    /// Builds the ring of <paramref name="providers"/>: <paramref name="nodesPerWeight"/> virtual nodes each, times the
    /// provider's weight when <paramref name="weighted"/>. An address listed twice counts once (its first entry).
    /// </summary>
    public static ConsistentHashRing Build(IReadOnlyList<Provider> providers, int nodesPerWeight, bool weighted, out int[] listIndexByOwner)
    {
        var indexByAddress = new Dictionary<string, int>(providers.Count, StringComparer.Ordinal);
        var addresses = new List<string>(providers.Count);
        var weights = new List<int>(providers.Count);
        var listIndex = new List<int>(providers.Count);
        var total = 0;
        for (var i = 0; i < providers.Count; i++)
        {
            var p = providers[i];
            if (indexByAddress.TryAdd(p.Address, addresses.Count))
            {
                addresses.Add(p.Address);
                weights.Add(weighted ? p.Weight : 1);
                listIndex.Add(i);
                total += nodesPerWeight * (weighted ? p.Weight : 1);
            }
        }

        var nodes = new (uint Point, int Owner)[total];
        var n = 0;
        for (var owner = 0; owner < addresses.Count; owner++)
        {
            var count = nodesPerWeight * weights[owner];
            for (var i = 0; i < count; i++)
            {
                nodes[n++] = (unchecked((uint)StableHash.OfString(addresses[owner] + "#" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))), owner);
            }
        }

        // Equal points (rare 32-bit collisions) go to the smaller address, whatever the list's order, so every consumer builds the same ring.
        Array.Sort(nodes, (x, y) => x.Point != y.Point ? x.Point.CompareTo(y.Point) : string.CompareOrdinal(addresses[x.Owner], addresses[y.Owner]));
        var points = new List<uint>(total);
        var owners = new List<int>(total);
        foreach (var (point, owner) in nodes)
        {
            if (points.Count == 0 || points[^1] != point)
            {
                points.Add(point);
                owners.Add(owner);
            }
        }

        listIndexByOwner = [.. listIndex];
        return new ConsistentHashRing([.. points], [.. owners], indexByAddress, [.. weights]);
    }

    /// <summary>
    /// Maps <paramref name="providers"/> onto this ring: for each owner on the ring, the index of its address in the
    /// list, or -1 when the list leaves it out. False when the list has an address the ring lacks, or (when
    /// <paramref name="weighted"/>) a weight other than the ring's: then the ring must be rebuilt.
    /// </summary>
    public bool TryMap(IReadOnlyList<Provider> providers, bool weighted, out int[] listIndexByOwner)
    {
        var map = new int[_weights.Length];
        Array.Fill(map, -1);
        listIndexByOwner = map;
        for (var i = 0; i < providers.Count; i++)
        {
            var p = providers[i];
            if (!_indexByAddress.TryGetValue(p.Address, out var owner) || (weighted && _weights[owner] != p.Weight))
            {
                return false;
            }

            if (map[owner] < 0)
            {
                map[owner] = i;
            }
        }

        return true;
    }

    /// <summary>
    /// The list index of the owner of <paramref name="hash"/>: the first virtual node clockwise from it whose owner is
    /// in the list (<paramref name="listIndexByOwner"/> ≥ 0), so a provider left out of the list hands its keys to
    /// the next ones on the ring exactly as a ring built without it would, and every other key stays put.
    /// </summary>
    public int Lookup(int hash, int[] listIndexByOwner)
    {
        var start = Array.BinarySearch(_points, unchecked((uint)hash));
        if (start < 0)
        {
            start = ~start;
        }

        for (var k = 0; k < _points.Length; k++)
        {
            var at = start + k;
            if (at >= _points.Length)
            {
                at -= _points.Length;
            }

            var index = listIndexByOwner[_owners[at]];
            if (index >= 0)
            {
                return index;
            }
        }

        throw new InvalidOperationException("the consistent-hash ring was mapped onto a list that holds none of its providers.");
    }
}
