using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace Bhrpc.Extensions;

/// <summary>
/// Finds and creates extensions: implementations of interfaces marked <see cref="SpiAttribute"/>,
/// found by their <see cref="SpiClassAttribute"/> in the bhrpc assemblies, in any loaded assembly
/// that references Bhrpc.Core, in plug-in assemblies in <see cref="ExtensionLoaderOptions.PluginFolder"/>,
/// and in registrations made in code. <see cref="Create{T}"/> makes a new instance on each call,
/// so no two servers, clients or references share extension state.
/// </summary>
public sealed class ExtensionLoader
{
    private static readonly Lazy<ExtensionLoader> s_shared = new(() => new ExtensionLoader(new ExtensionLoaderOptions()));

    private readonly ConcurrentDictionary<Type, ConcurrentDictionary<string, Func<object>>> _factories = new();
    private readonly HashSet<Assembly> _scanned = [];
    private readonly Dictionary<string, Assembly?> _pluginFiles = new(StringComparer.Ordinal);
    private readonly Lock _scanLock = new();
    private PluginLoadContext? _plugins;
    private volatile bool _pluginsLoaded;
    private long _seenLoads = -1;

    /// <summary>Creates a loader; it scans assemblies when first asked for an extension point.</summary>
    public ExtensionLoader(ExtensionLoaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>A loader over the loaded assemblies with no plug-in folder. It holds types, not instances.</summary>
    public static ExtensionLoader Shared => s_shared.Value;

    /// <summary>
    /// The load context of the plug-ins of <see cref="ExtensionLoaderOptions.PluginFolder"/>, named
    /// <c>bhrpc-plugins:{full path of the folder}</c>; null until the plug-ins are loaded or when there is no folder.
    /// </summary>
    public AssemblyLoadContext? PluginContext => _plugins;

    /// <summary>The options this loader was made with.</summary>
    public ExtensionLoaderOptions Options { get; }

    /// <summary>Registers an implementation in code, under <paramref name="name"/>, replacing one of the same name.</summary>
    public ExtensionLoader Register<T>(string name, Func<T> factory) where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        ValidateName(typeof(T), name);
        Point(typeof(T))[name] = () => factory();
        return this;
    }

    /// <summary>Creates a new instance of the extension named <paramref name="name"/> (null or empty: the point's default).</summary>
    /// <exception cref="RpcException">The name is unknown; the message lists the known names.</exception>
    public T Create<T>(string? name) where T : class
    {
        var point = typeof(T);
        var spi = point.GetCustomAttribute<SpiAttribute>()
            ?? throw new ArgumentException($"{point.FullName} is not an extension point: it has no [Spi] attribute.", nameof(T));
        var effective = string.IsNullOrWhiteSpace(name) ? spi.DefaultName : name.Trim();
        var factories = Point(point);
        if (!factories.TryGetValue(effective, out var factory))
        {
            throw new RpcException(
                RpcStatusCode.Configuration,
                $"unknown {Describe(point)} '{effective}'; known names: {string.Join(", ", factories.Keys.Order(StringComparer.Ordinal))}.");
        }

        return (T)factory();
    }

    /// <summary>The names known for extension point <typeparamref name="T"/>, sorted.</summary>
    public IReadOnlyList<string> Names<T>() where T : class => [.. Point(typeof(T)).Keys.Order(StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="name"/> names an implementation of <typeparamref name="T"/>.</summary>
    public bool Contains<T>(string name) where T : class => Point(typeof(T)).ContainsKey(name);

    private ConcurrentDictionary<string, Func<object>> Point(Type point)
    {
        EnsureScanned();
        return _factories.GetOrAdd(point, static _ => new ConcurrentDictionary<string, Func<object>>(StringComparer.Ordinal));
    }

    /// <summary>
    /// Scans each assembly once: on the first call every loaded assembly and the plug-ins, later
    /// only when the process has loaded assemblies since (see <see cref="AssemblyLoadTracker"/>).
    /// </summary>
    private void EnsureScanned()
    {
        if (_pluginsLoaded && Volatile.Read(ref _seenLoads) == AssemblyLoadTracker.Loads)
        {
            return;
        }

        lock (_scanLock)
        {
            var loads = AssemblyLoadTracker.Loads; // read before listing: a load racing with the listing triggers another pass
            if (!_pluginsLoaded || loads != _seenLoads)
            {
                var core = typeof(ExtensionLoader).Assembly;
                var coreName = core.GetName().Name;
                foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
                {
                    // Plug-ins in the context of any loader (this one's included) are scanned only by their own loader.
                    if (!_scanned.Add(assembly)
                        || assembly.IsDynamic
                        || AssemblyLoadContext.GetLoadContext(assembly) is PluginLoadContext
                        || (assembly != core && !assembly.GetReferencedAssemblies().Any(r => r.Name == coreName)))
                    {
                        continue;
                    }

                    Scan(assembly);
                }

                Volatile.Write(ref _seenLoads, loads);
            }

            if (!_pluginsLoaded)
            {
                if (Options.PluginFolder is { } folder)
                {
                    foreach (var plugin in LoadPlugins(folder))
                    {
                        if (_scanned.Add(plugin))
                        {
                            Scan(plugin);
                        }
                    }
                }

                _pluginsLoaded = true;
            }
        }
    }

    /// <summary>
    /// Loads every <c>*.dll</c> of <paramref name="folder"/> into this loader's <see cref="PluginLoadContext"/>.
    /// A file that fails stops the loading with a configuration error; files loaded before it stay loaded
    /// and are not loaded again on the next attempt.
    /// </summary>
    private List<Assembly> LoadPlugins(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"extension plug-in folder '{folder}' does not exist; set ExtensionLoaderOptions.PluginFolder to an existing folder or to null.");
        }

        var full = Path.GetFullPath(folder);
        _plugins ??= new PluginLoadContext(full);
        var loaded = new List<Assembly>();
        foreach (var file in Directory.EnumerateFiles(full, "*.dll").Order(StringComparer.Ordinal))
        {
            if (_pluginFiles.TryGetValue(file, out var known))
            {
                if (known is not null)
                {
                    loaded.Add(known);
                }

                continue;
            }

            Assembly? assembly;
            try
            {
                var name = AssemblyName.GetAssemblyName(file);
                // A copy of Bhrpc.Core or of a framework assembly next to the plug-ins: the default context's is used.
                assembly = PluginLoadContext.IsShared(name.Name) ? null : _plugins.LoadPlugin(file);
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw new RpcException(RpcStatusCode.Configuration, $"extension plug-in '{file}' cannot be loaded: {e.Message}", e);
            }

            _pluginFiles[file] = assembly;
            if (assembly is not null)
            {
                loaded.Add(assembly);
            }
        }

        return loaded;
    }

    private void Scan(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = [.. e.Types.Where(t => t is not null)!];
        }

        foreach (var type in types)
        {
            var spiClass = type.GetCustomAttribute<SpiClassAttribute>();
            if (spiClass is null || type.IsAbstract || type.IsInterface)
            {
                continue;
            }

            var points = type.GetInterfaces().Where(i => i.GetCustomAttribute<SpiAttribute>() is not null).ToList();
            if (points.Count == 0)
            {
                throw new InvalidOperationException($"{type.FullName} has [SpiClass(\"{spiClass.Name}\")] but implements no interface marked [Spi].");
            }

            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                throw new InvalidOperationException($"{type.FullName} has [SpiClass(\"{spiClass.Name}\")] but no public parameterless constructor.");
            }

            foreach (var point in points)
            {
                var factories = _factories.GetOrAdd(point, static _ => new ConcurrentDictionary<string, Func<object>>(StringComparer.Ordinal));
                foreach (var name in spiClass.Aliases.Prepend(spiClass.Name))
                {
                    ValidateName(point, name);
                    var captured = type;
                    if (!factories.TryAdd(name, () => Activator.CreateInstance(captured)!))
                    {
                        throw new InvalidOperationException($"two implementations of {point.FullName} are named '{name}'; {type.FullName} is one of them. Give each a distinct [SpiClass] name.");
                    }
                }
            }
        }
    }

    private static void ValidateName(Type point, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (point == typeof(Serialization.IRpcSerializer))
        {
            // The header pads the name with '0' and readers strip trailing '0's (PROTOCOL.md).
            if (name.Length > Protocol.RpcHeader.SerializerFieldSize || name.EndsWith('0') || !name.All(char.IsAsciiLetterOrDigit))
            {
                throw new ArgumentException($"serializer name '{name}' is invalid: expected 1..16 ASCII letters or digits, not ending in '0'.", nameof(name));
            }
        }
    }

    private static string Describe(Type point) => point.Name switch
    {
        "IRpcSerializer" => "serializer",
        _ => point.Name.StartsWith('I') ? point.Name[1..] : point.Name,
    };
}
