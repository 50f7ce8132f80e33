using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Bhrpc.Serialization.Hessian;

/// <summary>
/// Which Java collection a .NET collection is on the wire, as Java's Hessian names them: Java
/// writes an <c>ArrayList</c> and a <c>HashMap</c> untyped and every other collection or map
/// with its class name, and a Java method that takes a <c>Set</c> rejects the <c>ArrayList</c>
/// an untyped list becomes. Reading goes the other way: a list or map is built as the declared
/// .NET type, whatever type the wire names.
/// </summary>
internal static class Hessian2Collections
{
    public const string HashSet = "java.util.HashSet";
    public const string TreeSet = "java.util.TreeSet";
    public const string LinkedList = "java.util.LinkedList";
    public const string TreeMap = "java.util.TreeMap";
    public const string LinkedHashMap = "java.util.LinkedHashMap";

    private static readonly ConcurrentDictionary<Type, string?> s_listTypes = new();
    private static readonly ConcurrentDictionary<Type, bool> s_setTypes = new();

    /// <summary>
    /// The list type to write for a collection of runtime type <paramref name="runtime"/> in a slot
    /// declared as <paramref name="declared"/>: null for an untyped list (Java's <c>ArrayList</c>).
    /// A set in a slot declared as a list or sequence goes out as a list, which is what the Java
    /// side (<c>java.util.List</c>) expects there.
    /// </summary>
    public static string? JavaListType(Type runtime, Type? declared)
    {
        var type = s_listTypes.GetOrAdd(runtime, ListTypeOf);
        return type is HashSet or TreeSet && declared is not null && declared != typeof(object) && !s_setTypes.GetOrAdd(declared, IsSetType)
            ? null
            : type;
    }

    /// <summary>The map type to write for a dictionary of runtime type <paramref name="runtime"/>: null for an untyped map (Java's <c>HashMap</c>).</summary>
    public static string? JavaMapType(Type runtime)
    {
        if (!runtime.IsGenericType)
        {
            return runtime == typeof(System.Collections.Specialized.OrderedDictionary) ? LinkedHashMap : null;
        }

        var definition = runtime.GetGenericTypeDefinition();
        return definition == typeof(SortedDictionary<,>) || definition == typeof(SortedList<,>) || definition == typeof(ImmutableSortedDictionary<,>)
            ? TreeMap
            : definition == typeof(OrderedDictionary<,>) ? LinkedHashMap : null;
    }

    /// <summary>
    /// The element type when <paramref name="target"/> is a list, set or linked list that a wire list
    /// can be read into, with the concrete type to construct (an interface becomes
    /// <see cref="List{T}"/> or <see cref="HashSet{T}"/>); null otherwise.
    /// </summary>
    public static (Type Element, Type Concrete)? ListTarget(Type target)
    {
        if (!target.IsGenericType)
        {
            return null;
        }

        var definition = target.GetGenericTypeDefinition();
        var element = target.GetGenericArguments()[0];
        if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(ICollection<>)
            || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>))
        {
            return (element, typeof(List<>).MakeGenericType(element));
        }

        if (definition == typeof(ISet<>) || definition == typeof(IReadOnlySet<>))
        {
            return (element, typeof(HashSet<>).MakeGenericType(element));
        }

        return definition == typeof(HashSet<>) || definition == typeof(SortedSet<>) || definition == typeof(LinkedList<>)
            ? (element, target)
            : null;
    }

    /// <summary>The key and value types when <paramref name="target"/> is a dictionary a wire map can be read into, with the concrete type to construct.</summary>
    public static (Type Key, Type Value, Type Concrete)? MapTarget(Type target)
    {
        if (!target.IsGenericType)
        {
            return null;
        }

        var definition = target.GetGenericTypeDefinition();
        if (definition != typeof(Dictionary<,>) && definition != typeof(IDictionary<,>) && definition != typeof(IReadOnlyDictionary<,>)
            && definition != typeof(SortedDictionary<,>) && definition != typeof(SortedList<,>) && definition != typeof(OrderedDictionary<,>))
        {
            return null;
        }

        var args = target.GetGenericArguments();
        var concrete = target.IsInterface ? typeof(Dictionary<,>).MakeGenericType(args) : target;
        return (args[0], args[1], concrete);
    }

    /// <summary>
    /// A new empty <paramref name="concrete"/> collection. A sorted set or map of strings orders them
    /// ordinally, as Java's <c>TreeSet</c>/<c>TreeMap</c> order strings (by UTF-16 code unit), not by culture.
    /// </summary>
    public static object Create(Type concrete)
    {
        if (concrete.IsGenericType && concrete.GetGenericArguments()[0] == typeof(string)
            && concrete.GetGenericTypeDefinition() is var d && (d == typeof(SortedSet<>) || d == typeof(SortedDictionary<,>) || d == typeof(SortedList<,>)))
        {
            return Activator.CreateInstance(concrete, StringComparer.Ordinal)!;
        }

        return Activator.CreateInstance(concrete)!;
    }

    private static string? ListTypeOf(Type runtime)
    {
        if (runtime.IsGenericType)
        {
            var definition = runtime.GetGenericTypeDefinition();
            if (definition == typeof(SortedSet<>) || definition == typeof(ImmutableSortedSet<>))
            {
                return TreeSet;
            }

            if (definition == typeof(LinkedList<>))
            {
                return LinkedList;
            }
        }

        return s_setTypes.GetOrAdd(runtime, IsSetType) ? HashSet : null;
    }

    private static bool IsSetType(Type type) =>
        (type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(ISet<>) || d == typeof(IReadOnlySet<>)))
        || type.GetInterfaces().Any(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(ISet<>) || i.GetGenericTypeDefinition() == typeof(IReadOnlySet<>)));
}
