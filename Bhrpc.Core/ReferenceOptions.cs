using Bhrpc.Metadata;
using Bhrpc.Protocol;

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

    /// <summary>The serializer name. Default <c>json</c>.</summary>
    public string Serializer { get; set; } = "json";

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

    /// <summary>The load balancer name. Default <c>random</c>.</summary>
    public string LoadBalancer { get; set; } = "random";

    /// <summary>The proxy name. Default <c>dispatch</c> (Java alias <c>jdk</c>).</summary>
    public string Proxy { get; set; } = "dispatch";

    /// <summary>The effective service name.</summary>
    public string EffectiveServiceName => string.IsNullOrEmpty(ServiceName) ? Interface.FullName! : ServiceName;

    /// <summary>The service key.</summary>
    public string Key => ServiceKey.Build(EffectiveServiceName, Version, Group);

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

        Registry?.Validate();
    }

    /// <summary>A copy, so that a caller's later changes do not reach a live proxy.</summary>
    public ReferenceOptions Clone()
    {
        var copy = (ReferenceOptions)MemberwiseClone();
        copy.Registry = Registry?.Clone();
        return copy;
    }
}
