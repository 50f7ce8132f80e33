using System.Collections.Concurrent;
using System.Reflection;

namespace Bhrpc.Metadata;

/// <summary>
/// Portable type names for <c>parameterTypes</c>: Java's <c>Class.getName()</c> spelling for the
/// types both worlds share (<c>int</c>, <c>java.lang.String</c>, <c>[B</c>, <c>java.util.List</c>, ...),
/// the <see cref="PortableNameAttribute"/> or full .NET name for the rest (PROTOCOL.md).
/// Java's <c>byte</c> is signed: it is <see cref="sbyte"/> here, and a .NET <see cref="byte"/>
/// (0..255) is a Java <c>short</c>. Collections use the Java interface a Java method declares
/// for them (<c>java.util.List</c>, <c>Set</c>, <c>SortedSet</c>, <c>Map</c>, <c>SortedMap</c>),
/// or the Java class where Java has no such interface (<c>java.util.LinkedList</c>,
/// <c>java.util.LinkedHashMap</c>).
/// </summary>
public static class PortableTypeNames
{
    private static readonly ConcurrentDictionary<Type, string> s_cache = new();

    private static readonly Dictionary<Type, string> s_known = new()
    {
        [typeof(int)] = "int",
        [typeof(long)] = "long",
        [typeof(short)] = "short",

        // Java's byte is signed (-128..127): sbyte is its counterpart, and a .NET byte (0..255)
        // needs a Java type that holds all of it.
        [typeof(sbyte)] = "byte",
        [typeof(byte)] = "short",
        [typeof(bool)] = "boolean",
        [typeof(double)] = "double",
        [typeof(float)] = "float",
        [typeof(char)] = "char",
        [typeof(string)] = "java.lang.String",
        [typeof(object)] = "java.lang.Object",
        [typeof(int?)] = "java.lang.Integer",
        [typeof(long?)] = "java.lang.Long",
        [typeof(short?)] = "java.lang.Short",
        [typeof(sbyte?)] = "java.lang.Byte",
        [typeof(byte?)] = "java.lang.Short",
        [typeof(bool?)] = "java.lang.Boolean",
        [typeof(double?)] = "java.lang.Double",
        [typeof(float?)] = "java.lang.Float",
        [typeof(char?)] = "java.lang.Character",
        [typeof(decimal)] = "java.math.BigDecimal",
        [typeof(DateTime)] = "java.util.Date",
        [typeof(Guid)] = "java.util.UUID",
    };

    private static readonly Dictionary<Type, string> s_primitiveArrayCodes = new()
    {
        [typeof(byte)] = "B",
        [typeof(sbyte)] = "B",
        [typeof(int)] = "I",
        [typeof(long)] = "J",
        [typeof(short)] = "S",
        [typeof(bool)] = "Z",
        [typeof(double)] = "D",
        [typeof(float)] = "F",
        [typeof(char)] = "C",
    };

    /// <summary>The portable name of <paramref name="type"/>.</summary>
    public static string Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return s_cache.GetOrAdd(type, Compute);
    }

    private static string Compute(Type type)
    {
        if (type.IsByRef)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"parameter type {type} is passed by reference; RPC parameters must be passed by value.");
        }

        if (s_known.TryGetValue(type, out var known))
        {
            return known;
        }

        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            if (type.GetArrayRank() != 1)
            {
                throw new RpcException(RpcStatusCode.Configuration, $"multi-dimensional array {type} is not supported; use a jagged array or a list.");
            }

            if (s_primitiveArrayCodes.TryGetValue(element, out var code))
            {
                return "[" + code;
            }

            var inner = Of(element);
            return inner.StartsWith('[') ? "[" + inner : "[L" + inner + ";";
        }

        if (type.GetCustomAttribute<PortableNameAttribute>() is { } attribute)
        {
            return attribute.Name;
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            if (IsListLike(definition))
            {
                return "java.util.List";
            }

            if (IsMapLike(definition))
            {
                return "java.util.Map";
            }

            if (definition == typeof(HashSet<>) || definition == typeof(ISet<>) || definition == typeof(IReadOnlySet<>))
            {
                return "java.util.Set";
            }

            if (definition == typeof(SortedSet<>))
            {
                return "java.util.SortedSet";
            }

            if (definition == typeof(LinkedList<>))
            {
                return "java.util.LinkedList";
            }

            if (definition == typeof(SortedDictionary<,>) || definition == typeof(SortedList<,>))
            {
                return "java.util.SortedMap";
            }

            if (definition == typeof(OrderedDictionary<,>))
            {
                return "java.util.LinkedHashMap";
            }

            if (definition == typeof(Nullable<>))
            {
                return Of(type.GetGenericArguments()[0]) + "?";
            }

            var name = definition.FullName!;
            var tick = name.IndexOf('`');
            return string.Concat(name.AsSpan(0, tick), "<", string.Join(",", type.GetGenericArguments().Select(Of)), ">");
        }

        return type.FullName ?? type.Name;
    }

    private static bool IsListLike(Type definition)
        => definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>)
           || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>);

    private static bool IsMapLike(Type definition)
        => definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>);
}
