using System.Collections.Concurrent;

namespace Bhrpc.Metadata;

/// <summary>The default value of a type, boxed and cached.</summary>
internal static class RuntimeDefaults
{
    private static readonly ConcurrentDictionary<Type, object?> s_defaults = new();

    public static object? Of(Type type)
        => type.IsValueType ? s_defaults.GetOrAdd(type, static t => Activator.CreateInstance(t)) : null;
}
