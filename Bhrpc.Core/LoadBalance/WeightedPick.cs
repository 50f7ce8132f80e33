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

    /// <summary>The index of the provider whose cumulative-weight interval holds <paramref name="point"/> (0 ≤ point &lt; total).</summary>
    public static int IndexAt(IReadOnlyList<Provider> providers, int point)
    {
        for (var i = 0; i < providers.Count; i++)
        {
            point -= providers[i].Weight;
            if (point < 0)
            {
                return i;
            }
        }

        return providers.Count - 1;
    }

    /// <summary>
    /// The index of a provider other than the one at <paramref name="except"/>, picked with probability proportional
    /// to its weight (<paramref name="total"/> is the weight of all of them; needs at least two providers).
    /// </summary>
    public static int RandomIndexExcept(IReadOnlyList<Provider> providers, int total, int except, Random random)
    {
        // A point on the cumulative weights with the excluded provider's interval cut out.
        var point = random.Next(total - providers[except].Weight);
        for (var i = 0; i < providers.Count; i++)
        {
            if (i == except)
            {
                continue;
            }

            point -= providers[i].Weight;
            if (point < 0)
            {
                return i;
            }
        }

        return except == providers.Count - 1 ? providers.Count - 2 : providers.Count - 1;
    }

    /// <summary>Maps a 32-bit hash uniformly onto <c>0..count-1</c> (multiply-shift, no modulo bias).</summary>
    public static int Index(int hash, int count) => (int)(((ulong)unchecked((uint)hash) * (ulong)count) >> 32);

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
