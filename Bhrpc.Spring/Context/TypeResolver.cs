namespace Bhrpc.Spring.Context;

/// <summary>Resolves <c>"Type, Assembly"</c> names and C# keyword aliases.</summary>
internal static class TypeResolver
{
    private static readonly Dictionary<string, Type> s_aliases = new(StringComparer.Ordinal)
    {
        ["string"] = typeof(string), ["int"] = typeof(int), ["long"] = typeof(long), ["bool"] = typeof(bool),
        ["double"] = typeof(double), ["object"] = typeof(object), ["TimeSpan"] = typeof(TimeSpan), ["Uri"] = typeof(Uri),
    };

    public static Type? Resolve(string name)
    {
        name = name.Trim();
        if (s_aliases.TryGetValue(name, out var alias))
        {
            return alias;
        }

        var type = Type.GetType(name, throwOnError: false);
        if (type is not null || name.Contains(','))
        {
            return type;
        }

        // A name without assembly: look in everything already loaded.
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            type = assembly.GetType(name, throwOnError: false);
            if (type is not null)
            {
                return type;
            }
        }

        return null;
    }
}
