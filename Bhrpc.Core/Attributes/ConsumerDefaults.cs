using Bhrpc.Extensions;
using Bhrpc.Metadata;

namespace Bhrpc.Attributes;

/// <summary>
/// Defaults for every consumer reference of one front end (the <c>&lt;rpc:consumer&gt;</c> element, the
/// Autofac module's <c>Consumer</c>). A null property is not set: the reference's own setting wins over a
/// set default, and a set default wins over the built-in default of <see cref="ReferenceOptions"/>.
/// </summary>
public sealed class ConsumerDefaults
{
    /// <summary>The version. Default null (built-in: <c>1.0.0</c>).</summary>
    public string? Version { get; set; }

    /// <summary>The group. Default null (built-in: empty).</summary>
    public string? Group { get; set; }

    /// <summary>The registry URL, e.g. <c>zookeeper://127.0.0.1:2181</c>. Default null: the client's registry.</summary>
    public string? Registry { get; set; }

    /// <summary>The serializer name. Default null (built-in: <c>json</c>).</summary>
    public string? Serializer { get; set; }

    /// <summary>The per-call timeout. Default null (built-in: 5 s).</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>The load balancer name. Default null (built-in: <c>random</c>).</summary>
    public string? LoadBalancer { get; set; }

    /// <summary>The proxy name. Default null (built-in: <c>dispatch</c>).</summary>
    public string? Proxy { get; set; }

    /// <summary>Oneway calls. Default null (built-in: false).</summary>
    public bool? Oneway { get; set; }

    /// <summary>How methods are named on the wire. Default null (built-in: <see cref="MethodNaming.AsDeclared"/>).</summary>
    public MethodNaming? MethodNaming { get; set; }

    /// <summary>The cluster strategy and its settings. Default null (built-in: <c>failover</c>).</summary>
    public ExtensionSpec? Cluster { get; set; }

    /// <summary>Retries after the first attempt (<c>failover</c>, <c>failback</c>). Default null (built-in: <see cref="ReferenceOptions.DefaultRetries"/>).</summary>
    public int? Retries { get; set; }

    /// <summary>The longest one attempt waits before a retry may begin. Default null (built-in: none, only the call's timeout).</summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>Lazy connect (connections open on the first call). Default null (built-in: true).</summary>
    public bool? Lazy { get; set; }

    /// <summary>A reference to <paramref name="interfaceType"/> with the built-in defaults overridden by the set defaults.</summary>
    public ReferenceOptions NewReference(Type interfaceType)
    {
        ArgumentNullException.ThrowIfNull(interfaceType);
        var reference = new ReferenceOptions { Interface = interfaceType };
        if (Version is not null)
        {
            reference.Version = Version;
        }

        if (Group is not null)
        {
            reference.Group = Group;
        }

        if (Registry is not null)
        {
            reference.Registry = RegistryOptions.Parse(Registry);
        }

        if (Serializer is not null)
        {
            reference.Serializer = Serializer;
        }

        if (Timeout is { } timeout)
        {
            reference.Timeout = timeout;
        }

        if (LoadBalancer is not null)
        {
            reference.LoadBalancer = LoadBalancer;
        }

        if (Proxy is not null)
        {
            reference.Proxy = Proxy;
        }

        if (Oneway is { } oneway)
        {
            reference.Oneway = oneway;
        }

        if (MethodNaming is { } naming)
        {
            reference.MethodNaming = naming;
        }

        if (Cluster is not null)
        {
            reference.Cluster = Cluster;
        }

        if (Retries is { } retries)
        {
            reference.Retries = retries;
        }

        if (AttemptTimeout is { } attemptTimeout)
        {
            reference.AttemptTimeout = attemptTimeout;
        }

        if (Lazy is { } lazy)
        {
            reference.Lazy = lazy;
        }

        return reference;
    }
}
