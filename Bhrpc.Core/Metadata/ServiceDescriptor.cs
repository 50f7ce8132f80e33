using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;

namespace Bhrpc.Metadata;

/// <summary>The methods of a service interface (including inherited interfaces), by signature and by <see cref="MethodInfo"/>.</summary>
public sealed class ServiceDescriptor
{
    private static readonly ConcurrentDictionary<Type, ServiceDescriptor> s_cache = new();

    private ServiceDescriptor(Type serviceType)
    {
        ServiceType = serviceType;
        var methods = new Dictionary<string, MethodDescriptor>(StringComparer.Ordinal);
        var byMethod = new Dictionary<MethodInfo, MethodDescriptor>();
        foreach (var iface in serviceType.GetInterfaces().Prepend(serviceType))
        {
            foreach (var method in iface.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            {
                if (method.IsSpecialName && (method.Name.StartsWith("add_", StringComparison.Ordinal) || method.Name.StartsWith("remove_", StringComparison.Ordinal)))
                {
                    throw new RpcException(RpcStatusCode.Configuration, $"{serviceType.FullName} declares event {method.Name[(method.Name.IndexOf('_') + 1)..]}; RPC interfaces cannot have events.");
                }

                var descriptor = new MethodDescriptor(method);
                if (methods.TryGetValue(descriptor.Signature, out var existing) && existing.Method != method)
                {
                    throw new RpcException(RpcStatusCode.Configuration, $"{serviceType.FullName}: methods {existing.Method} and {method} have the same portable signature {descriptor.Signature}; rename one or give a parameter type a distinct [PortableName].");
                }

                methods[descriptor.Signature] = descriptor;
                byMethod[method] = descriptor;
            }
        }

        Methods = methods.ToFrozenDictionary(StringComparer.Ordinal);
        ByMethod = byMethod.ToFrozenDictionary();
    }

    /// <summary>The interface.</summary>
    public Type ServiceType { get; }

    /// <summary>Methods by signature <c>Name(portable,...)</c>.</summary>
    public FrozenDictionary<string, MethodDescriptor> Methods { get; }

    /// <summary>Methods by reflection handle.</summary>
    public FrozenDictionary<MethodInfo, MethodDescriptor> ByMethod { get; }

    /// <summary>The (cached) descriptor of <paramref name="serviceType"/>, which must be an interface.</summary>
    public static ServiceDescriptor For(Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (!serviceType.IsInterface)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{serviceType.FullName} is not an interface; services are described by interfaces.");
        }

        return s_cache.GetOrAdd(serviceType, static t => new ServiceDescriptor(t));
    }
}
