using Bhrpc.Registry;

namespace Bhrpc.Cluster;

/// <summary>
/// One provider of a reference's service as the cluster, the routers and the load balancers see it: the registry
/// entry plus the live statistics of its address (shared by every reference of the client that calls it).
/// </summary>
public sealed class Provider
{
    /// <summary>Wraps <paramref name="instance"/> with the statistics of its address.</summary>
    public Provider(ServiceInstance instance, ProviderStats stats)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(stats);
        Instance = instance;
        Stats = stats;
        Address = instance.Address;
    }

    /// <summary>The registry entry.</summary>
    public ServiceInstance Instance { get; }

    /// <summary><c>host:port</c>.</summary>
    public string Address { get; }

    /// <summary>The registered weight, 1..100 (values outside are clamped).</summary>
    public int Weight => Math.Clamp(Instance.Weight, 1, 100);

    /// <summary>The provider's tag (tag routing); null when it has none.</summary>
    public string? Tag => Instance.Tag;

    /// <summary>Calls in flight, latency, failures, ejection and going-away state of this address.</summary>
    public ProviderStats Stats { get; }

    /// <inheritdoc />
    public override string ToString() => Address;
}
