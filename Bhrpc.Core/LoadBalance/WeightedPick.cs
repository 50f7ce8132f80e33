using Bhrpc.Cluster;

namespace Bhrpc.LoadBalance;

/// <summary>Maps a point onto the providers' cumulative weights, without allocating.</summary>
internal static class WeightedPick
{
    /// <summary>The sum of the providers' weights.</summary>
    public static int TotalWeight(IReadOnlyList<Provider> providers)
    {
        var total = 0;
        for (var i = 0; i < providers.Count; i++)
        {
            total += providers[i].Weight;
        }

        return total;
    }

    /// <summary>The provider whose cumulative-weight interval holds <paramref name="point"/> (0 ≤ point &lt; total).</summary>
    public static Provider At(IReadOnlyList<Provider> providers, int point)
    {
        for (var i = 0; i < providers.Count; i++)
        {
            point -= providers[i].Weight;
            if (point < 0)
            {
                return providers[i];
            }
        }

        return providers[^1];
    }

    /// <summary>A provider picked with probability proportional to its weight.</summary>
    public static Provider Random(IReadOnlyList<Provider> providers, Random random)
        => At(providers, random.Next(TotalWeight(providers)));

    /// <summary>Maps a 32-bit hash onto the cumulative weights (uniform over the hash space).</summary>
    public static Provider Hash(IReadOnlyList<Provider> providers, int hash)
    {
        var total = TotalWeight(providers);
        var point = (int)(((ulong)unchecked((uint)hash) * (ulong)total) >> 32);
        return At(providers, point);
    }

    /// <summary>Throws when <paramref name="providers"/> is null or empty.</summary>
    public static void Require(IReadOnlyList<Provider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        if (providers.Count == 0)
        {
            throw new ArgumentException("expected at least one provider to choose from.", nameof(providers));
        }
    }
}
