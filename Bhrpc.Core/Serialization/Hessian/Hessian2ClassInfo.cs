using System.Collections.Concurrent;
using System.Reflection;
using Bhrpc.Metadata;

namespace Bhrpc.Serialization.Hessian;

/// <summary>
/// How a .NET class or record maps to a Java class: the Java class name is the type's
/// <see cref="PortableNameAttribute"/> or else its .NET full name; the fields are the public
/// readable instance properties in declaration order (base class first after the type's own,
/// as Java writes subclass fields first), named camelCase like Java bean fields. Reading sets
/// writable properties on a parameterless constructor's instance, or passes fields to the
/// public constructor whose parameters all match fields by name (records).
/// </summary>
internal sealed class Hessian2ClassInfo
{
    private static readonly ConcurrentDictionary<Type, Hessian2ClassInfo> Cache = new();

    private Hessian2ClassInfo(Type type)
    {
        Type = type;
        ClassName = JavaClassName(type);
        var props = new List<PropertyInfo>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            props.AddRange(t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetMethod!.IsPublic)
                .OrderBy(p => p.MetadataToken));
        }

        Properties = [.. props];
        FieldNames = [.. props.Select(p => CamelCase(p.Name))];
        DefaultConstructor = type.GetConstructor(Type.EmptyTypes);
        if (DefaultConstructor is null && !type.IsValueType)
        {
            Constructor = type.GetConstructors()
                .OrderByDescending(c => c.GetParameters().Length)
                .FirstOrDefault(c => c.GetParameters().All(p => Array.FindIndex(FieldNames, f => string.Equals(f, p.Name, StringComparison.OrdinalIgnoreCase)) >= 0));
        }
    }

    public Type Type { get; }

    public string ClassName { get; }

    public PropertyInfo[] Properties { get; }

    public string[] FieldNames { get; }

    public ConstructorInfo? DefaultConstructor { get; }

    public ConstructorInfo? Constructor { get; }

    public static Hessian2ClassInfo Get(Type type) => Cache.GetOrAdd(type, static t => new Hessian2ClassInfo(t));

    /// <summary>The Java class name of a .NET type: its <see cref="PortableNameAttribute"/>, else its full name.</summary>
    public static string JavaClassName(Type type) =>
        type.GetCustomAttribute<PortableNameAttribute>()?.Name ?? type.FullName ?? type.Name;

    private static string CamelCase(string name) =>
        name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
