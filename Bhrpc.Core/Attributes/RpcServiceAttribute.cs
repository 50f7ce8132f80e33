using System.Reflection;
using Bhrpc.Extensions;
using Bhrpc.Injection;
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
/// Filters with settings go in <see cref="RpcFilterSpecAttribute"/> on the class, a method's timeout in
/// <see cref="RpcMethodAttribute"/> on the class; both apply to each contract the class exports (a method name must
/// belong to one of them).
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

    /// <summary>The tag this provider registers with, for tag routing. Default null: none.</summary>
    public string? Tag { get; set; }

    /// <summary>
    /// Provider filters of this service by name, after the server's global ones; <c>"-name"</c> removes a global one.
    /// Settings for a listed filter come from <see cref="RpcFilterSpecAttribute"/> on the class. Default null: none.
    /// </summary>
    public string[]? Filters { get; set; }

    /// <summary>
    /// The Core options that export <paramref name="implementation"/> as this attribute describes, with the
    /// <see cref="RpcFilterSpecAttribute"/>s and <see cref="RpcMethodAttribute"/>s of its class.
    /// </summary>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: a class attribute is invalid, or names a method none of the class's contracts has; the message names the class.</exception>
    public ServiceOptions ToServiceOptions(object implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var type = implementation.GetType();
        var where = $"{type.FullName} (service {Interface.FullName})";
        var options = new ServiceOptions
        {
            ServiceType = Interface,
            Implementation = implementation,
            ServiceName = ServiceName,
            Version = Version,
            Group = Group,
            Weight = Weight,
            MethodNaming = MethodNaming,
            Tag = Tag,
        };
        foreach (var filter in Filters ?? [])
        {
            options.Filters.Add(new ExtensionSpec(filter, null, $"[RpcService] on {where}: Filters"));
        }

        foreach (var filter in type.GetCustomAttributes<RpcFilterSpecAttribute>(inherit: false))
        {
            ExtensionChecks.AddOrMerge(options.Filters, filter.ToSpec($"[RpcFilterSpec(\"{filter.Name}\")] on {where}"));
        }

        var contracts = type.GetCustomAttributes<RpcServiceAttribute>(inherit: false).Select(a => a.Interface).Append(Interface).Distinct().ToList();
        foreach (var method in type.GetCustomAttributes<RpcMethodAttribute>(inherit: false))
        {
            var settings = method.ToServiceMethodOptions(type.FullName!);
            if (ExtensionChecks.HasMethod(Interface, settings.Name))
            {
                options.Methods.Add(settings);
            }
            else if (!contracts.Any(c => c.IsInterface && ExtensionChecks.HasMethod(c, settings.Name)))
            {
                throw new RpcException(
                    RpcStatusCode.Configuration,
                    $"[RpcMethod(\"{method.Name}\")] on {type.FullName}: no method of {string.Join(", ", contracts.Select(c => c.FullName))} is named '{settings.Name}'; expected one of {string.Join(", ", contracts.Where(c => c.IsInterface).SelectMany(c => ServiceDescriptor.For(c).ByMethod.Keys.Select(m => m.Name)).Distinct().Order(StringComparer.Ordinal))}.");
            }
        }

        return options;
    }
}
