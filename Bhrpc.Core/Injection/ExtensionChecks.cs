using System.Reflection;
using Bhrpc.Cluster;
using Bhrpc.Extensions;
using Bhrpc.Invocation;
using Bhrpc.LoadBalance;
using Bhrpc.Metadata;
using Bhrpc.Proxy;
using Bhrpc.Routing;
using Bhrpc.Serialization;

namespace Bhrpc.Injection;

/// <summary>
/// Checks that front ends run before a client or server is made, so that a bad name fails where it was configured:
/// every extension name against the loader the client or server will use (a plug-in's names included), filters
/// against the side they run on, and per-method settings against the interface's methods.
/// </summary>
public static class ExtensionChecks
{
    /// <summary>Every extension name a client resolves for <paramref name="options"/>: serializer, load balancer, proxy, cluster, filters (consumer side) and routers.</summary>
    /// <param name="options">The reference.</param>
    /// <param name="loader">The loader of the client that will make the proxy (<see cref="ClientOptions.Extensions"/>).</param>
    /// <param name="owner">Names the reference in errors (null: the messages name the <c>ReferenceOptions</c> property only).</param>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: an unknown name (the message lists the known ones), a provider-only filter, or a method setting for no method.</exception>
    public static void CheckReference(ReferenceOptions options, ExtensionLoader loader, string? owner = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loader);
        string Setting(string name) => owner is null ? $"ReferenceOptions.{name}" : $"{owner}: ReferenceOptions.{name}";
        CheckName<IRpcSerializer>(options.Serializer, loader, Setting(nameof(options.Serializer)));
        CheckName<ILoadBalancer>(options.LoadBalancer, loader, Setting(nameof(options.LoadBalancer)));
        CheckName<IProxyFactory>(options.Proxy, loader, Setting(nameof(options.Proxy)));
        // The default cluster is Core's own; any other name must be known to the client's loader.
        if (!string.Equals(options.Cluster.Name, ExtensionLoader.DefaultName<ICluster>(), StringComparison.Ordinal))
        {
            CheckName<ICluster>(options.Cluster.Name, loader, options.Cluster.Source ?? Setting(nameof(options.Cluster)));
        }
        CheckFilters(options.Filters, RpcSide.Consumer, loader, Setting(nameof(options.Filters)));
        foreach (var router in options.Routers)
        {
            CheckName<IRouter>(router.Name, loader, router.Source ?? Setting(nameof(options.Routers)));
        }

        CheckMethods(options.Interface, options.Methods, Setting(nameof(options.Methods)));
    }

    /// <summary>
    /// Each filter of <paramref name="filters"/> is known to <paramref name="loader"/> and runs on <paramref name="side"/>;
    /// a <c>-name</c> entry names a known filter.
    /// </summary>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: an unknown filter, or one for the other side.</exception>
    public static void CheckFilters(IEnumerable<ExtensionSpec> filters, RpcSide side, ExtensionLoader loader, string owner)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(loader);
        foreach (var filter in filters)
        {
            var where = filter.Source ?? owner;
            var name = filter.IsRemoval ? filter.Name[1..].Trim() : filter.Name;
            CheckName<IRpcFilter>(name, loader, where);
            var info = loader.ImplementationType<IRpcFilter>(name)?.GetCustomAttribute<RpcFilterAttribute>();
            if (!filter.IsRemoval && info is not null && !info.Side.HasFlag(side))
            {
                throw new RpcException(
                    RpcStatusCode.Configuration,
                    $"{where}: filter '{name}' runs on the {info.Side.ToString().ToLowerInvariant()} side only; list it on a {(side == RpcSide.Consumer ? "service or server" : "reference or client")} instead.");
            }
        }
    }

    /// <summary><paramref name="name"/> names an implementation of <typeparamref name="T"/> in <paramref name="loader"/>.</summary>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: it does not; the message names <paramref name="setting"/> and lists the known names.</exception>
    public static void CheckName<T>(string name, ExtensionLoader loader, string setting)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(loader);
        if (!loader.Contains<T>(name))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{setting}: unknown {Describe(typeof(T))} '{name}'; known names: {string.Join(", ", loader.Names<T>())}.");
        }
    }

    /// <summary>Each of <paramref name="methods"/> names a method of <paramref name="serviceType"/> (declared or wire name), at most once.</summary>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: an unknown or repeated name; the message lists the methods.</exception>
    public static void CheckMethods(Type serviceType, IEnumerable<MethodOptions> methods, string owner)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        ArgumentNullException.ThrowIfNull(methods);
        var list = methods.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var descriptors = ServiceDescriptor.For(serviceType).ByMethod.Values.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in list)
        {
            var matches = descriptors.Where(d => Matches(d, method.Name)).ToList();
            if (matches.Count == 0)
            {
                var known = string.Join(", ", descriptors.Select(d => d.Method.Name).Distinct().Order(StringComparer.Ordinal));
                throw new RpcException(RpcStatusCode.Configuration, $"{owner}: method '{method.Name}' is not a method of {serviceType.FullName}; expected one of {known}.");
            }

            if (!seen.Add(matches[0].Method.Name))
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{owner}: method '{method.Name}' has settings twice; give each method one entry.");
            }
        }
    }

    /// <summary>Whether <paramref name="name"/> is the declared or wire name of a method of <paramref name="serviceType"/>.</summary>
    public static bool HasMethod(Type serviceType, string name)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return ServiceDescriptor.For(serviceType).ByMethod.Values.Any(d => Matches(d, name));
    }

    /// <summary>
    /// Adds <paramref name="spec"/> to <paramref name="list"/>, or, when an entry of the same name without settings is
    /// there already (named in a name list), replaces it so that it keeps its place.
    /// </summary>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: that name already has settings.</exception>
    public static void AddOrMerge(IList<ExtensionSpec> list, ExtensionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(spec);
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i].Name, spec.Name, StringComparison.Ordinal))
            {
                if (list[i].Settings.Count > 0)
                {
                    throw new RpcException(RpcStatusCode.Configuration, $"{spec.Source ?? spec.Name}: '{spec.Name}' is given settings twice ({list[i].Source ?? list[i].ToString()}); give each one entry.");
                }

                list[i] = spec;
                return;
            }
        }

        list.Add(spec);
    }

    /// <summary>A stable text of <paramref name="spec"/>: its name and settings sorted by key.</summary>
    public static string Describe(ExtensionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Settings.Count == 0
            ? spec.Name
            : $"{spec.Name}({string.Join(",", spec.Settings.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase).Select(s => $"{s.Key.ToLowerInvariant()}={s.Value}"))})";
    }

    private static bool Matches(MethodDescriptor descriptor, string name)
        => string.Equals(descriptor.Method.Name, name, StringComparison.Ordinal)
            || string.Equals(descriptor.Name, name, StringComparison.Ordinal)
            || string.Equals(descriptor.CamelCaseName, name, StringComparison.Ordinal);

    private static string Describe(Type point) => point.Name switch
    {
        nameof(IRpcSerializer) => "serializer",
        nameof(IRpcFilter) => "filter",
        nameof(ICluster) => "cluster",
        nameof(IRouter) => "router",
        nameof(ILoadBalancer) => "load balancer",
        nameof(IProxyFactory) => "proxy",
        _ => point.Name.StartsWith('I') ? point.Name[1..] : point.Name,
    };
}
