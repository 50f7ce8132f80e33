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

    /// <summary>The cluster strategy and its settings: how a call's attempts are made (see README "Cluster modes"). Default <c>failover</c> (the <c>cluster</c> point's default).</summary>
    public ExtensionSpec Cluster { get; set; } = ExtensionLoader.DefaultName<ICluster>()!;

    /// <summary>
    /// Retries after the first attempt, for a cluster that retries (<c>failover</c>); null = <see cref="DefaultRetries"/>.
    /// Only what is safe is retried: a request that never reached a provider, and anything of an idempotent method.
    /// Setting it on a cluster that never retries is refused when the proxy is made.
    /// </summary>
    public int? Retries { get; set; }

    /// <summary>The default number of retries.</summary>
    public const int DefaultRetries = 2;

    /// <summary>The most retries a reference or method may ask for.</summary>
    public const int MaxRetries = 100;

    /// <summary>
    /// The longest one attempt waits for its response before a retrying cluster may try another provider (for an
    /// idempotent method); null = no bound but the call's <see cref="Timeout"/>, which all attempts share.
    /// </summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>This reference's filters, after the client's global ones (<see cref="ClientOptions.Filters"/>); <c>-name</c> removes a global one.</summary>
    public IList<ExtensionSpec> Filters { get; set; } = [];

    /// <summary>The router chain between discovery and the load balancer, in order.</summary>
    public IList<ExtensionSpec> Routers { get; set; } = [];

    /// <summary>Per-method settings; <see cref="MethodOptions.Name"/> is the declared or the wire name and applies to every overload of it.</summary>
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

        ValidatePipeline(descriptor);
        Registry?.Validate();
    }

    /// <summary>Checks the cluster, retry, filter, router and per-method settings, naming the one that is wrong.</summary>
    private void ValidatePipeline(ServiceDescriptor descriptor)
    {
        var owner = $"ReferenceOptions of {Interface.FullName}";
        if (Cluster is null || string.IsNullOrWhiteSpace(Cluster.Name))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{owner}: Cluster must name a cluster mode (failover, failfast, failsafe, failback, forking, broadcast or a plug-in's).");
        }

        CheckRetries(Retries, $"{owner}: Retries");
        CheckPositive(AttemptTimeout, $"{owner}: AttemptTimeout");
        CheckSpecs(Filters, $"{owner}: Filters");
        CheckSpecs(Routers, $"{owner}: Routers");
        if (Routers.Any(r => r.IsRemoval))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{owner}: Routers lists '{Routers.First(r => r.IsRemoval).Name}'; '-name' removes a global filter, routers have no global list to remove from.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in Methods)
        {
            if (method is null || string.IsNullOrWhiteSpace(method.Name))
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{owner}: Methods has an entry without a Name; give the method's declared or wire name.");
            }

            var where = $"{owner}: Methods '{method.Name}'";
            var matches = MethodsNamed(descriptor, method.Name);
            if (matches.Count == 0)
            {
                var known = descriptor.ByMethod.Values.Select(m => m.Method.Name).Distinct().Order(StringComparer.Ordinal);
                throw new RpcException(RpcStatusCode.Configuration, $"{where} is not a method of {Interface.FullName}; its methods are {string.Join(", ", known)}.");
            }

            if (!seen.Add(matches[0].Method.Name))
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{where}: method {matches[0].Method.Name} has settings twice; merge them into one entry.");
            }

            CheckPositive(method.Timeout, $"{where}: Timeout", allowInfinite: true);
            CheckPositive(method.AttemptTimeout, $"{where}: AttemptTimeout");
            CheckRetries(method.Retries, $"{where}: Retries");
            if (method.Oneway == true && matches.FirstOrDefault(m => m.ResultType is not null) is { } valued)
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{where}: Oneway is set, but {valued.Method.Name} returns a value and a oneway call gets no response; make it void/Task/ValueTask or leave Oneway unset.");
            }
        }
    }

    /// <summary>The methods (every overload) whose declared or wire name is <paramref name="name"/>.</summary>
    internal List<MethodDescriptor> MethodsNamed(ServiceDescriptor descriptor, string name)
        => [.. descriptor.ByMethod.Values.Where(m => string.Equals(m.Method.Name, name, StringComparison.Ordinal) || string.Equals(m.NameFor(MethodNaming), name, StringComparison.Ordinal))];

    /// <summary>The settings of <paramref name="method"/>, or null when it has none.</summary>
    internal MethodOptions? SettingsOf(MethodDescriptor method)
    {
        foreach (var settings in Methods)
        {
            if (string.Equals(settings.Name, method.Method.Name, StringComparison.Ordinal) || string.Equals(settings.Name, method.NameFor(MethodNaming), StringComparison.Ordinal))
            {
                return settings;
            }
        }

        return null;
    }

    private static void CheckRetries(int? retries, string what)
    {
        if (retries is < 0 or > MaxRetries)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{what} must be between 0 and {MaxRetries}; got {retries}.");
        }
    }

    private static void CheckPositive(TimeSpan? value, string what, bool allowInfinite = false)
    {
        if (value is { } v && v <= TimeSpan.Zero && !(allowInfinite && v == System.Threading.Timeout.InfiniteTimeSpan))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{what} must be positive{(allowInfinite ? " (or Timeout.InfiniteTimeSpan)" : string.Empty)}; got {v}.");
        }
    }

    private static void CheckSpecs(IList<ExtensionSpec> specs, string what)
    {
        if (specs.Any(s => s is null || string.IsNullOrWhiteSpace(s.Name)))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{what} has an entry without a name.");
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
