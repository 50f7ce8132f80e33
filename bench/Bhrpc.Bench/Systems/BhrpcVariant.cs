namespace Bhrpc.Bench.Systems;

/// <summary>
/// Which consumer path a bhrpc system's references take, named by the suffix of the system name
/// (<c>bhrpc-json+failfast</c>): the defaults, the direct path, or the pipeline with two filters.
/// </summary>
internal enum BhrpcVariant
{
    /// <summary>No suffix: the reference's defaults (cluster <c>failover</c>, no filters): the pipeline.</summary>
    Defaults,

    /// <summary><c>+failfast</c>: cluster <c>failfast</c>, no filters, no routers, load balancer <c>random</c>: the direct path.</summary>
    Failfast,

    /// <summary><c>+2filters</c>: cluster <c>failover</c> and two filters that only call the rest of the chain.</summary>
    TwoFilters,
}
