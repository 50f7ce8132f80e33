using Bhrpc.Cluster;
using Bhrpc.Extensions;
using Bhrpc.LoadBalance;
using Bhrpc.Metadata;
using Bhrpc.Protocol;
using Bhrpc.Proxy;
using Bhrpc.Serialization;

namespace Bhrpc;

/// <summary>One consumer reference: which service to call and how.</summary>
public sealed class ReferenceOptions
{
    /// <summary>The default per-call timeout, 5 s.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The service interface.</summary>
    public required Type Interface { get; set; }

    /// <summary>The service name; default: the full name of <see cref="Interface"/>.</summary>
    public string? ServiceName { get; set; }

    /// <summary>The version. Default <c>1.0.0</c>.</summary>
    public string Version { get; set; } = ServiceKey.DefaultVersion;

    /// <summary>The group. Default empty.</summary>
    public string Group { get; set; } = string.Empty;

    /// <summary>The registry; default: the client's <see cref="ClientOptions.Registry"/>.</summary>
    public RegistryOptions? Registry { get; set; }

    /// <summary>Direct connection: <c>host:port[,host:port]</c>; when set the registry is skipped.</summary>
    public string? DirectAddress { get; set; }

    /// <summary>The serializer name. Default <c>json</c> (the <c>serializer</c> point's default).</summary>
    public string Serializer { get; set; } = ExtensionLoader.DefaultName<IRpcSerializer>()!;

    /// <summary>The per-call timeout. Default 5 s.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>
    /// Oneway: calls are sent and return at once; the provider sends no response. Default false. Every method of
    /// <see cref="Interface"/> must then return <c>void</c>, <see cref="Task"/> or <see cref="ValueTask"/>
    /// (<see cref="Validate"/> refuses one that returns a value).
    /// </summary>
    public bool Oneway { get; set; }

    /// <summary>
    /// How methods are named on the wire: <see cref="MethodNaming.AsDeclared"/> (default) sends <c>Hello</c>,
    /// <see cref="MethodNaming.CamelCase"/> sends <c>hello</c>, as a Java provider expects. A method's
    /// <see cref="PortableNameAttribute"/> wins over both.
    /// </summary>
    public MethodNaming MethodNaming { get; set; }

    /// <summary>The load balancer name. Default <c>random</c> (the <c>loadbalancer</c> point's default).</summary>
    public string LoadBalancer { get; set; } = ExtensionLoader.DefaultName<ILoadBalancer>()!;

    /// <summary>The proxy name. Default <c>dispatch</c> (Java alias <c>jdk</c>).</summary>
    public string Proxy { get; set; } = ExtensionLoader.DefaultName<IProxyFactory>()!;

    /// <summary>The cluster strategy and its settings. Default <c>failover</c> (the <c>cluster</c> point's default). Not in effect yet: only the default is accepted, and each call is one attempt.</summary>
    public ExtensionSpec Cluster { get; set; } = ExtensionLoader.DefaultName<ICluster>()!;

    /// <summary>Retries after the first attempt, for <c>failover</c> and <c>failback</c>. Not in effect yet: a value is refused by <see cref="Validate"/>.</summary>
    public int? Retries { get; set; }

    /// <summary>The default number of retries.</summary>
    public const int DefaultRetries = 2;

    /// <summary>
    /// The longest one attempt waits for its response before a retrying cluster may try another provider.
    /// Not in effect yet: a value is refused by <see cref="Validate"/>.
    /// </summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>This reference's filters, after the client's global ones; <c>-name</c> removes a global one. Not run yet: a non-empty list is refused by <see cref="Validate"/>.</summary>
    public IList<ExtensionSpec> Filters { get; set; } = [];

    /// <summary>The router chain between discovery and the load balancer, in order. Not in effect yet: a non-empty list is refused by <see cref="Validate"/>.</summary>
    public IList<ExtensionSpec> Routers { get; set; } = [];

    /// <summary>Per-method settings. Not in effect yet: a non-empty list is refused by <see cref="Validate"/>.</summary>
    public IList<MethodOptions> Methods { get; set; } = [];

    /// <summary>
    /// Lazy (default true): connections open on the first call. False (eager connect): at proxy creation the
    /// reference's providers are looked up in the background and a connection to each is opened before any call; a
    /// failed one is tried again after <see cref="ClientOptions.EjectionBackoff"/> (doubling) until it opens, the
    /// provider leaves the list or the client is disposed. <c>CreateProxy</c> never waits for it.
    /// </summary>
    public bool Lazy { get; set; } = true;

    /// <summary>The effective service name.</summary>
    public string EffectiveServiceName => string.IsNullOrEmpty(ServiceName) ? Interface.FullName! : ServiceName;

    /// <summary>The service key.</summary>
    public string Key => ServiceKey.Build(EffectiveServiceName, Version, Group);

    /// <summary>Checks a direct address list, <c>host:port[,host:port]</c>; the error names <paramref name="setting"/>.</summary>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: not a list of host:port.</exception>
    public static void ValidateDirectAddress(string text, string setting) => _ = Internal.HostPort.ParseList(text, setting);

    /// <summary>Throws when a setting is invalid, naming the setting.</summary>
    public void Validate()
    {
        if (Interface is null || !Interface.IsInterface)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ReferenceOptions.Interface must be an interface; got {Interface?.FullName ?? "null"}.");
        }

        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ReferenceOptions.Timeout of {Interface.FullName} must be positive (or Timeout.InfiniteTimeSpan); got {Timeout}.");
        }

        if (string.IsNullOrEmpty(Version))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ReferenceOptions.Version of {Interface.FullName} must not be empty.");
        }

        if (DirectAddress is not null)
        {
            _ = Internal.HostPort.ParseList(DirectAddress, "ReferenceOptions.DirectAddress");
        }

        // Refuses methods that cannot be called remotely, naming the method and the reason.
        var descriptor = ServiceDescriptor.For(Interface);
        descriptor.CheckNaming(MethodNaming, "ReferenceOptions.MethodNaming");
        if (Oneway)
        {
            var valued = descriptor.ByMethod.Values.Where(m => m.ResultType is not null).Select(m => m.Method.Name).Distinct().Order(StringComparer.Ordinal).ToList();
            if (valued.Count > 0)
            {
                throw new RpcException(RpcStatusCode.Configuration, $"ReferenceOptions.Oneway is set on {Interface.FullName}, whose methods {string.Join(", ", valued)} return a value; a oneway call gets no response; make them void/Task/ValueTask or use a reference without Oneway.");
            }
        }

        RefuseNotYetInEffect();
        Registry?.Validate();
    }

    /// <summary>
    /// The pipeline settings whose consumer side is still being built (issue 11): only their defaults are accepted,
    /// so that setting one fails loudly. Today every call is one attempt at the load balancer's pick.
    /// </summary>
    private void RefuseNotYetInEffect()
    {
        string? setting = null;
        if (Cluster is null || Cluster.Settings.Count > 0 || !string.Equals(Cluster.Name, ExtensionLoader.DefaultName<ICluster>(), StringComparison.Ordinal))
        {
            setting = $"Cluster ({Cluster})";
        }
        else if (Retries is not null)
        {
            setting = $"Retries ({Retries})";
        }
        else if (AttemptTimeout is not null)
        {
            setting = "AttemptTimeout";
        }
        else if (Filters.Count > 0)
        {
            setting = $"Filters ({string.Join(", ", Filters)})";
        }
        else if (Routers.Count > 0)
        {
            setting = $"Routers ({string.Join(", ", Routers)})";
        }
        else if (Methods.Count > 0)
        {
            setting = "Methods";
        }

        if (setting is not null)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ReferenceOptions.{setting} of {Interface.FullName}: the consumer pipeline (cluster modes, retries, filters, routers, per-method settings) is not in effect yet (issue 11); leave it at its default. Today each call is one attempt at the load balancer's pick.");
        }
    }

    /// <summary>A copy, so that a caller's later changes do not reach a live proxy.</summary>
    public ReferenceOptions Clone()
    {
        var copy = (ReferenceOptions)MemberwiseClone();
        copy.Registry = Registry?.Clone();
        copy.Filters = [.. Filters];
        copy.Routers = [.. Routers];
        copy.Methods = [.. Methods.Select(m => m.Clone())];
        return copy;
    }
}
