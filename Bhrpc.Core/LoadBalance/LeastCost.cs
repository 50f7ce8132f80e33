using Bhrpc.Cluster;

namespace Bhrpc.LoadBalance;

/// <summary>
/// The pick of the load-aware balancers: the provider with the lowest cost, ties broken at random in proportion to
/// weight. The costs are a snapshot the caller took once per pick (the statistics move while it looks), in a span
/// it allocated on the stack when the list is short.
/// </summary>
internal static class LeastCost
{
    /// <summary>Up to this many providers the costs live on the stack; beyond, in an array.</summary>
    public const int StackLimit = 128;

    /// <summary>Fills <c>costs[i]</c> with the cost of <c>providers[i]</c>; lower is better.</summary>
    public delegate void CostFill(IReadOnlyList<Provider> providers, Span<double> costs);

    /// <summary>
    /// The shared shape of the cost-based balancers: a single provider at once; otherwise the costs (on the stack up
    /// to <see cref="StackLimit"/> providers) and <see cref="Pick"/>.
    /// </summary>
    public static Provider Select(IReadOnlyList<Provider> providers, Random random, CostFill fill)
    {
        WeightedPick.Require(providers);
        if (providers.Count == 1)
        {
            return providers[0];
        }

        var costs = providers.Count <= StackLimit ? stackalloc double[providers.Count] : new double[providers.Count];
        fill(providers, costs);
        return Pick(providers, costs, random);
    }

    /// <summary>
    /// The provider with the lowest <paramref name="costs"/>[i]; among equal lowest costs, one picked with
    /// probability proportional to its weight.
    /// </summary>
    public static Provider Pick(IReadOnlyList<Provider> providers, ReadOnlySpan<double> costs, Random random)
    {
        var least = double.PositiveInfinity;
        var first = 0;
        var ties = 0;
        var tieWeight = 0;
        for (var i = 0; i < costs.Length; i++)
        {
            var cost = costs[i];
            if (cost < least)
            {
                least = cost;
                first = i;
                ties = 1;
                tieWeight = providers[i].Weight;
            }
            else if (cost == least)
            {
                ties++;
                tieWeight += providers[i].Weight;
            }
        }

        if (ties == 1)
        {
            return providers[first];
        }

        var point = random.Next(tieWeight);
        for (var i = first; i < costs.Length; i++)
        {
            if (costs[i] == least)
            {
                point -= providers[i].Weight;
                if (point < 0)
                {
                    return providers[i];
                }
            }
        }

        return providers[first];
    }

    /// <summary>
    /// The latency a provider without one yet (no successful attempt, <see cref="TimeSpan.Zero"/>) is taken to have:
    /// the lowest known one among <paramref name="latencies"/>, so that a new provider is tried as if it were the
    /// fastest, and its in-flight count (not a zero cost) limits how much it gets until it has answered; 1 tick when
    /// none is known, so the in-flight counts alone decide.
    /// </summary>
    public static double UnknownLatency(ReadOnlySpan<double> latencies)
    {
        var lowest = double.PositiveInfinity;
        foreach (var latency in latencies)
        {
            if (latency > 0 && latency < lowest)
            {
                lowest = latency;
            }
        }

        return double.IsPositiveInfinity(lowest) ? 1 : lowest;
    }
}
