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
    private bool _lazy;
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
    /// Java bhrpc's <c>async</c>. In .NET a call is asynchronous when its interface method returns <see cref="Task"/>,
    /// <see cref="Task{TResult}"/>, <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/>, so true is a check:
    /// a reference whose interface has a synchronous method is refused, naming it. False (the default) checks nothing.
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

    /// <summary>The proxy name: <c>dispatch</c> (Java alias <c>jdk</c>) or a plug-in's. Default null: not set.</summary>
    public string? Proxy { get; set; }

    /// <summary>
    /// Retries after the first attempt, 0 or more, for <c>failover</c> and <c>failback</c>; only what is safe is
    /// retried (the request never reached a provider; timeouts and remote failures only for idempotent methods).
    /// Default -1: not set (the consumer defaults, else <see cref="ReferenceOptions.DefaultRetries"/>).
    /// </summary>
    public int Retries { get; set; } = -1;

    /// <summary>
    /// The cluster strategy: <c>failover</c> (default), <c>failfast</c>, <c>failsafe</c>, <c>failback</c>,
    /// <c>forking</c>, <c>broadcast</c>, or a plug-in's; checked against the client's extension loader. Default null:
    /// not set. Its settings go in <see cref="ClusterSettings"/>.
    /// </summary>
    public string? Cluster { get; set; }

    /// <summary>The cluster's settings, <c>"key=value"</c> each, e.g. <c>ClusterSettings = new[] { "forks=3" }</c> with <c>Cluster = "forking"</c>. Default null: none.</summary>
    public string[]? ClusterSettings { get; set; }

    /// <summary>
    /// The longest one attempt waits for its response, in milliseconds, before a retrying cluster may try another
    /// provider (all attempts share <see cref="Timeout"/>). Default 0: not set.
    /// </summary>
    public int AttemptTimeout { get; set; }

    /// <summary>
    /// Filters of this reference by name, run after the client's global ones; <c>"-name"</c> removes a global one.
    /// Settings for a listed filter come from <see cref="RpcFilterSpecAttribute"/> on the same member. Default null: none.
    /// </summary>
    public string[]? Filters { get; set; }

    /// <summary>
    /// Routers between discovery and the load balancer, by name, in order. Settings (a condition rule) come from
    /// <see cref="RpcRouterSpecAttribute"/> on the same member. Default null: none.
    /// </summary>
    public string[]? Routers { get; set; }

    /// <summary>
    /// Lazy (the built-in default, true): the proxy connects on its first call. <c>Lazy = false</c> connects to this
    /// reference's providers when the proxy is made. Default: not set.
    /// </summary>
    public bool Lazy
    {
        get => _lazy;
        set
        {
            _lazy = value;
            LazySet = true;
        }
    }

    /// <summary>The service name. Default null: the full name of the member's interface.</summary>
    public string? ServiceName { get; set; }

    /// <summary>Whether <see cref="Oneway"/> was given, so that <c>Oneway = false</c> overrides a default of true.</summary>
    public bool OnewaySet { get; private set; }

    /// <summary>Whether <see cref="Lazy"/> was given, so that <c>Lazy = true</c> overrides a default of false.</summary>
    public bool LazySet { get; private set; }

    /// <summary>Whether <see cref="MethodNaming"/> was given, so that <c>AsDeclared</c> overrides a default of <c>CamelCase</c>.</summary>
    public bool MethodNamingSet { get; private set; }
}
