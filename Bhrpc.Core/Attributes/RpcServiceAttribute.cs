using Bhrpc.Metadata;
using Bhrpc.Protocol;

namespace Bhrpc.Attributes;

/// <summary>
/// Exports the marked class as a bhrpc service under <see cref="Interface"/>. The Autofac module
/// (<c>BhrpcModule</c>) and the XML context's annotation scanning export every component whose class
/// carries it; a class implementing several contracts may carry it once per contract.
/// <code>
/// [RpcService(typeof(IGreeter), Version = "2.0.0", Group = "blue")]
/// public sealed class Greeter : IGreeter { … }
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RpcServiceAttribute : Attribute
{
    /// <summary>Exports the class under <paramref name="interface"/>, which it must implement.</summary>
    public RpcServiceAttribute(Type @interface)
    {
        ArgumentNullException.ThrowIfNull(@interface);
        Interface = @interface;
    }

    /// <summary>The service interface callers use.</summary>
    public Type Interface { get; }

    /// <summary>The version. Default <c>1.0.0</c>.</summary>
    public string Version { get; set; } = ServiceKey.DefaultVersion;

    /// <summary>The group. Default empty.</summary>
    public string Group { get; set; } = string.Empty;

    /// <summary>The weight used by weighted load balancers. Default 1 (registered clamped to 1..100).</summary>
    public int Weight { get; set; } = 1;

    /// <summary>The service name. Default null: the full name of <see cref="Interface"/>.</summary>
    public string? ServiceName { get; set; }

    /// <summary>
    /// How the service's methods are named on the wire: <see cref="Metadata.MethodNaming.CamelCase"/> answers Java
    /// consumers' <c>hello</c> with <c>Hello</c>. Default <see cref="Metadata.MethodNaming.AsDeclared"/>.
    /// </summary>
    public MethodNaming MethodNaming { get; set; }

    /// <summary>The Core options that export <paramref name="implementation"/> as this attribute describes.</summary>
    public ServiceOptions ToServiceOptions(object implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return new ServiceOptions
        {
            ServiceType = Interface,
            Implementation = implementation,
            ServiceName = ServiceName,
            Version = Version,
            Group = Group,
            Weight = Weight,
            MethodNaming = MethodNaming,
        };
    }
}
