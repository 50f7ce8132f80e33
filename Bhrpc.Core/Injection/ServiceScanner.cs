using System.Reflection;
using Bhrpc.Attributes;

namespace Bhrpc.Injection;

/// <summary>Finds <see cref="RpcServiceAttribute"/> classes and describes what they export.</summary>
public static class ServiceScanner
{
    /// <summary>
    /// The concrete classes in <paramref name="assemblies"/> that carry <see cref="RpcServiceAttribute"/>,
    /// in a stable order (by full name).
    /// </summary>
    /// <exception cref="RpcException">A marked class does not implement the interface it names.</exception>
    public static IReadOnlyList<Type> FindServiceTypes(IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var found = new List<Type>();
        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var type in LoadableTypes(assembly))
            {
                if (type is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && AttributesOf(type).Count > 0)
                {
                    found.Add(type);
                }
            }
        }

        found.Sort(static (a, b) => string.CompareOrdinal(a.FullName, b.FullName));
        return found;
    }

    /// <summary>The <see cref="RpcServiceAttribute"/>s of <paramref name="type"/>, each checked against the type.</summary>
    /// <exception cref="RpcException">The type does not implement an interface it names.</exception>
    public static IReadOnlyList<RpcServiceAttribute> AttributesOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var attributes = type.GetCustomAttributes<RpcServiceAttribute>(inherit: false).ToArray();
        foreach (var attribute in attributes)
        {
            if (!attribute.Interface.IsInterface || !attribute.Interface.IsAssignableFrom(type))
            {
                throw new RpcException(RpcStatusCode.Configuration, $"[RpcService(typeof({attribute.Interface.FullName}))] on {type.FullName}: expected an interface that {type.Name} implements.");
            }
        }

        return attributes;
    }

    /// <summary>The services <paramref name="implementation"/> exports, one per <see cref="RpcServiceAttribute"/> on its class.</summary>
    public static IReadOnlyList<ServiceOptions> ServicesOf(object implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return [.. AttributesOf(implementation.GetType()).Select(a => a.ToServiceOptions(implementation))];
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            // A type whose dependencies are missing cannot be a service we could start anyway.
            return e.Types.OfType<Type>();
        }
    }
}
