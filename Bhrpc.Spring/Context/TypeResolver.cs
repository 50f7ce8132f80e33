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

    /// <summary>Where <see cref="Resolve"/> looked for <paramref name="name"/>, for a "could not be found" message.</summary>
    public static string DescribeSearch(string name)
    {
        var comma = name.IndexOf(',');
        if (comma >= 0)
        {
            var assembly = name[(comma + 1)..].Trim();
            var loaded = AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == assembly.Split(',')[0].Trim());
            return loaded
                ? $"searched assembly '{assembly}'"
                : $"searched assembly '{assembly}', which could not be loaded";
        }

        var names = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic)
            .Select(a => a.GetName().Name)
            .Order(StringComparer.Ordinal);
        return $"searched the loaded assemblies ({string.Join(", ", names)}); name the assembly as \"Namespace.Type, Assembly\"";
    }
}
