using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;

namespace Bhrpc.Metadata;

/// <summary>The methods of a service interface (including inherited interfaces), by signature and by <see cref="MethodInfo"/>.</summary>
public sealed class ServiceDescriptor
{
    private static readonly ConcurrentDictionary<Type, ServiceDescriptor> s_cache = new();
    private readonly string? _camelCaseClash;

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
        _camelCaseClash = FindClash(Methods.Values, MethodNaming.CamelCase);
    }

    /// <summary>The interface.</summary>
    public Type ServiceType { get; }

    /// <summary>Methods by signature <c>Name(portable,...)</c>.</summary>
    public FrozenDictionary<string, MethodDescriptor> Methods { get; }

    /// <summary>Methods by reflection handle.</summary>
    public FrozenDictionary<MethodInfo, MethodDescriptor> ByMethod { get; }

    /// <summary>
    /// Throws when two methods would have the same wire signature under <paramref name="naming"/>
    /// (<c>Hello()</c> and <c>hello()</c> under <see cref="MethodNaming.CamelCase"/>), or when
    /// <paramref name="naming"/> is not a defined value; <paramref name="setting"/> names the setting in the message.
    /// </summary>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>.</exception>
    public void CheckNaming(MethodNaming naming, string setting)
    {
        if (!MethodNames.IsDefined(naming))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{setting} of {ServiceType.FullName} is {(int)naming}, which is not a MethodNaming; expected {string.Join(" or ", Enum.GetNames<MethodNaming>())}.");
        }

        if (naming == MethodNaming.CamelCase && _camelCaseClash is not null)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{setting} of {ServiceType.FullName} is CamelCase, but {_camelCaseClash}; give one of them a [PortableName] or use MethodNaming.AsDeclared.");
        }
    }

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

    private static string? FindClash(IEnumerable<MethodDescriptor> methods, MethodNaming naming)
    {
        var seen = new Dictionary<string, MethodDescriptor>(StringComparer.Ordinal);
        foreach (var method in methods.OrderBy(m => m.Signature, StringComparer.Ordinal))
        {
            var signature = method.SignatureFor(naming);
            if (!seen.TryAdd(signature, method))
            {
                return $"methods {seen[signature].Method.Name} and {method.Method.Name} would both be called {signature} on the wire";
            }
        }

        return null;
    }
}
