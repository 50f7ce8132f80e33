using System.Reflection;
using System.Runtime.Loader;

namespace Bhrpc.Extensions;

/// <summary>
/// The load context of one <see cref="ExtensionLoader"/>'s plug-in folder. Shared assemblies —
/// Bhrpc.Core, the framework and anything the application itself ships — always come from the
/// default context, so a plug-in's <c>[SpiClass]</c> types implement the host's own interfaces.
/// A plug-in's private dependencies are resolved from the folder: through an
/// <see cref="AssemblyDependencyResolver"/> when the plug-in has a <c>.deps.json</c>, else by
/// file name. Not collectible: plug-ins stay loaded for the life of the process.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private static readonly Lazy<HashSet<string>> s_sharedNames = new(LoadSharedNames);

    private readonly string _folder;
    private readonly List<AssemblyDependencyResolver> _resolvers = [];
    private readonly Lock _resolversLock = new();

    public PluginLoadContext(string folder)
        : base($"bhrpc-plugins:{folder}", isCollectible: false)
    {
        _folder = folder;
    }

    /// <summary>Whether the default context provides the assembly named <paramref name="name"/>.</summary>
    public static bool IsShared(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        return s_sharedNames.Value.Contains(name)
            || Default.Assemblies.Any(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Loads a plug-in from <paramref name="path"/>, remembering its <c>.deps.json</c> if it has one.</summary>
    public Assembly LoadPlugin(string path)
    {
        if (File.Exists(Path.ChangeExtension(path, ".deps.json")))
        {
            var resolver = new AssemblyDependencyResolver(path);
            lock (_resolversLock)
            {
                _resolvers.Add(resolver);
            }
        }

        return LoadFromAssemblyPath(path);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName.Name))
        {
            return null; // the default context's copy
        }

        var path = Resolve(r => r.ResolveAssemblyToPath(assemblyName));
        if (path is null && assemblyName.Name is { } name)
        {
            var candidate = Path.Combine(_folder, name + ".dll");
            path = File.Exists(candidate) ? candidate : null;
        }

        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = Resolve(r => r.ResolveUnmanagedDllToPath(unmanagedDllName));
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private string? Resolve(Func<AssemblyDependencyResolver, string?> resolve)
    {
        lock (_resolversLock)
        {
            foreach (var resolver in _resolvers)
            {
                if (resolve(resolver) is { } path)
                {
                    return path;
                }
            }
        }

        return null;
    }

    /// <summary>The names of the trusted platform assemblies: the framework and the application's own dependencies.</summary>
    private static HashSet<string> LoadSharedNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { typeof(PluginLoadContext).Assembly.GetName().Name! };
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                names.Add(Path.GetFileNameWithoutExtension(path));
            }
        }

        return names;
    }
}
