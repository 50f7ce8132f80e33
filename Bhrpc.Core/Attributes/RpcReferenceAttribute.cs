using Bhrpc.Metadata;

namespace Bhrpc.Attributes;

/// <summary>
/// Marks a field or property (private ones included, readonly fields included) that receives a proxy
/// for its type, which must be an interface. Every setting left at its "not set" value (null strings,
/// <c>-1</c> or <c>0</c> numbers as documented) falls back to the front end's <see cref="ConsumerDefaults"/>
/// and then to the built-in defaults of <see cref="ReferenceOptions"/>.
/// <code>
/// [RpcReference(Version = "2.0.0", Timeout = 2000)]
/// private readonly IGreeter _greeter = null!;
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed partial class RpcReferenceAttribute : Attribute
{
    private bool _oneway;
    private MethodNaming _methodNaming;

    /// <summary>The version. Default null: not set.</summary>
    public string? Version { get; set; }

    /// <summary>The group. Default null: not set.</summary>
    public string? Group { get; set; }

    /// <summary>The registry URL, e.g. <c>zookeeper://127.0.0.1:2181</c> or <c>local:///tmp/reg</c>. Default null: not set.</summary>
    public string? Registry { get; set; }

    /// <summary>Direct connection, <c>host:port[,host:port]</c>; when set the registry is skipped. Default null.</summary>
    public string? DirectUrl { get; set; }

    /// <summary>The load balancer name (<c>random</c>, <c>robin</c>, …). Default null: not set.</summary>
    public string? LoadBalance { get; set; }

    /// <summary>The serializer name (<c>json</c>, <c>hessian2</c>, <c>protobuf</c>). Default null: not set.</summary>
    public string? Serialization { get; set; }

    /// <summary>The per-call timeout in milliseconds. Default 0: not set. Negative values are rejected.</summary>
    public int Timeout { get; set; }

    /// <summary>
    /// Accepted for compatibility with Java bhrpc and has no effect: a call is asynchronous when its
    /// interface method returns <see cref="Task"/>, <see cref="Task{TResult}"/> or <see cref="ValueTask"/>,
    /// synchronous otherwise.
    /// </summary>
    public bool Async { get; set; }

    /// <summary>Oneway: calls are sent and return at once; no response. Default: not set (built-in false).</summary>
    public bool Oneway
    {
        get => _oneway;
        set
        {
            _oneway = value;
            OnewaySet = true;
        }
    }

    /// <summary>
    /// How methods are named on the wire: <see cref="Metadata.MethodNaming.CamelCase"/> to call a Java provider's
    /// <c>hello</c> through <c>Hello</c>. Default: not set (the consumer defaults, else
    /// <see cref="Metadata.MethodNaming.AsDeclared"/>).
    /// </summary>
    public MethodNaming MethodNaming
    {
        get => _methodNaming;
        set
        {
            _methodNaming = value;
            MethodNamingSet = true;
        }
    }

    /// <summary>The proxy name (<c>dispatch</c>, <c>castle</c>, …). Default null: not set.</summary>
    public string? Proxy { get; set; }

    /// <summary>
    /// Retries after a failed call, 0 or more; default -1: not set. Validated now, but it has no effect
    /// yet: it takes effect when the cluster layer lands in Core (today every call is tried once).
    /// </summary>
    public int Retries { get; set; } = -1;

    /// <summary>
    /// The cluster strategy: <c>failover</c>, <c>failfast</c>, <c>failsafe</c>, <c>failback</c>,
    /// <c>forking</c> or <c>broadcast</c>; default null: not set. Validated now, but it has no effect yet:
    /// it takes effect when the cluster layer lands in Core (today a failed call fails, like failfast).
    /// </summary>
    public string? Cluster { get; set; }

    /// <summary>
    /// Accepted for compatibility with Java bhrpc and has no further effect: a proxy never connects or
    /// looks up providers before its first call, so every reference is already lazy.
    /// </summary>
    public bool Lazy { get; set; }

    /// <summary>The service name. Default null: the full name of the member's interface.</summary>
    public string? ServiceName { get; set; }

    /// <summary>Whether <see cref="Oneway"/> was given, so that <c>Oneway = false</c> overrides a default of true.</summary>
    public bool OnewaySet { get; private set; }

    /// <summary>Whether <see cref="MethodNaming"/> was given, so that <c>AsDeclared</c> overrides a default of <c>CamelCase</c>.</summary>
    public bool MethodNamingSet { get; private set; }
}
