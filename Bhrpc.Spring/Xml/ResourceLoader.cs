using System.Reflection;

namespace Bhrpc.Spring.Xml;

/// <summary>Resolves and opens file paths and <c>assembly://Assembly.Name/Folder/file.xml</c> locations.</summary>
internal static class ResourceLoader
{
    private const string AssemblyScheme = "assembly://";

    /// <summary>Makes <paramref name="location"/> absolute, relative to the including resource or base directory.</summary>
    public static string Resolve(string location, string? relativeTo, string baseDirectory)
    {
        if (location.StartsWith(AssemblyScheme, StringComparison.OrdinalIgnoreCase))
        {
            return location;
        }

        if (location.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            return new Uri(location).LocalPath;
        }

        if (relativeTo is not null && relativeTo.StartsWith(AssemblyScheme, StringComparison.OrdinalIgnoreCase))
        {
            var folder = relativeTo[..(relativeTo.LastIndexOf('/') + 1)];
            var parts = new List<string>(folder[AssemblyScheme.Length..].TrimEnd('/').Split('/'));
            foreach (var part in location.Split('/'))
            {
                if (part == "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else if (part is not "." and not "")
                {
                    parts.Add(part);
                }
            }

            return AssemblyScheme + string.Join('/', parts);
        }

        var directory = relativeTo is null ? baseDirectory : Path.GetDirectoryName(relativeTo) ?? baseDirectory;
        return Path.GetFullPath(location, directory);
    }

    /// <summary>Opens a resolved location; throws <see cref="FileNotFoundException"/> naming what was looked for.</summary>
    public static Stream Open(string location)
    {
        if (!location.StartsWith(AssemblyScheme, StringComparison.OrdinalIgnoreCase))
        {
            return File.OpenRead(location);
        }

        var rest = location[AssemblyScheme.Length..];
        var slash = rest.IndexOf('/');
        if (slash <= 0)
        {
            throw new FileNotFoundException($"'{location}' is not of the form assembly://Assembly.Name/Folder/file.xml.");
        }

        var assemblyName = rest[..slash];
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == assemblyName)
            ?? Assembly.Load(new AssemblyName(assemblyName));
        var resourceName = assemblyName + "." + rest[(slash + 1)..].Replace('/', '.');
        return assembly.GetManifestResourceStream(resourceName)
            ?? throw new FileNotFoundException(
                $"Assembly '{assemblyName}' has no embedded resource '{resourceName}'. It has: {string.Join(", ", assembly.GetManifestResourceNames())}.");
    }
}
