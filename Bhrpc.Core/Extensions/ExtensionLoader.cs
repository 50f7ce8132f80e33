using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace Bhrpc.Extensions;

/// <summary>
/// Finds and creates extensions: implementations of interfaces marked <see cref="SpiAttribute"/>,
/// found by their <see cref="SpiClassAttribute"/> in the bhrpc assemblies, in any loaded assembly
/// that references Bhrpc.Core, in plug-in assemblies in <see cref="ExtensionLoaderOptions.PluginFolder"/>,
/// and in registrations made in code. <see cref="Create{T}(string?)"/> makes a new instance on each call,
/// so no two servers, clients or references share extension state. An implementation with a public
/// constructor taking an <see cref="ExtensionContext"/> is made with one (its name, owner, clock, logging and
/// settings); otherwise with its parameterless constructor, and then it takes no settings.
/// </summary>
public sealed class ExtensionLoader
{
    private static readonly Lazy<ExtensionLoader> s_shared = new(() => new ExtensionLoader(new ExtensionLoaderOptions()));

    private readonly ConcurrentDictionary<Type, ConcurrentDictionary<string, Factory>> _factories = new();
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
        Point(typeof(T))[name] = new Factory(null, _ => factory());
        return this;
    }

    /// <summary>Registers an implementation in code that is made with its <see cref="ExtensionContext"/>, under <paramref name="name"/>.</summary>
    public ExtensionLoader Register<T>(string name, Func<ExtensionContext, T> factory) where T : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        ValidateName(typeof(T), name);
        Point(typeof(T))[name] = new Factory(null, context => factory(context!), TakesContext: true);
        return this;
    }

    /// <summary>The name used for extension point <typeparamref name="T"/> when configuration names none (its <see cref="SpiAttribute.DefaultName"/>).</summary>
    public static string? DefaultName<T>() where T : class => typeof(T).GetCustomAttribute<SpiAttribute>()?.DefaultName;

    /// <summary>
    /// Creates a new instance of the extension <paramref name="context"/> names, made with the context when its class
    /// takes one. Settings given to an extension that takes none are refused.
    /// </summary>
    /// <exception cref="RpcException">The name is unknown (the message lists the known names), or settings were given to an extension that takes none, or its settings are invalid.</exception>
    public T CreateFor<T>(ExtensionContext context) where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var factory = Find(typeof(T), context.Name, context.Owner);
        if (!factory.TakesContext && context.Settings.Count > 0)
        {
            throw new RpcException(
                RpcStatusCode.Configuration,
                $"{context.Owner}: {Describe(typeof(T))} '{context.Name}' takes no settings; remove {string.Join(", ", context.Settings.Keys.Order(StringComparer.Ordinal))}.");
        }

        return (T)factory.Create(context);
    }

    /// <summary>The class that implements <paramref name="name"/> of point <typeparamref name="T"/>; null for one registered in code or an unknown name.</summary>
    public Type? ImplementationType<T>(string name) where T : class
        => Point(typeof(T)).TryGetValue(name, out var factory) ? factory.Type : null;

    /// <summary>Creates a new instance of the extension named <paramref name="name"/> (null or empty: the point's default).</summary>
    /// <exception cref="RpcException">The name is unknown; the message lists the known names.</exception>
    public T Create<T>(string? name) where T : class
    {
        var point = typeof(T);
        var spi = point.GetCustomAttribute<SpiAttribute>()
            ?? throw new ArgumentException($"{point.FullName} is not an extension point: it has no [Spi] attribute.", nameof(T));
        var effective = string.IsNullOrWhiteSpace(name)
            ? spi.DefaultName ?? throw new RpcException(RpcStatusCode.Configuration, $"no {Describe(point)} was named and that extension point has no default; known names: {string.Join(", ", Names<T>())}.")
            : name.Trim();
        var factory = Find(point, effective, null);
        return (T)factory.Create(factory.TakesContext ? new ExtensionContext(effective, Describe(point) + " " + effective) : null);
    }

    private Factory Find(Type point, string name, string? owner)
    {
        if (point.GetCustomAttribute<SpiAttribute>() is null)
        {
            throw new ArgumentException($"{point.FullName} is not an extension point: it has no [Spi] attribute.", nameof(point));
        }

        var factories = Point(point);
        if (!factories.TryGetValue(name.Trim(), out var factory))
        {
            throw new RpcException(
                RpcStatusCode.Configuration,
                $"{(owner is null ? string.Empty : owner + ": ")}unknown {Describe(point)} '{name.Trim()}'; known names: {string.Join(", ", factories.Keys.Order(StringComparer.Ordinal))}.");
        }

        return factory;
    }

    /// <summary>The names known for extension point <typeparamref name="T"/>, sorted.</summary>
    public IReadOnlyList<string> Names<T>() where T : class => [.. Point(typeof(T)).Keys.Order(StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="name"/> names an implementation of <typeparamref name="T"/>.</summary>
    public bool Contains<T>(string name) where T : class => Point(typeof(T)).ContainsKey(name);

    private ConcurrentDictionary<string, Factory> Point(Type point)
    {
        EnsureScanned();
        return _factories.GetOrAdd(point, static _ => new ConcurrentDictionary<string, Factory>(StringComparer.Ordinal));
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

            var withContext = type.GetConstructor([typeof(ExtensionContext)]);
            if (withContext is null && type.GetConstructor(Type.EmptyTypes) is null)
            {
                throw new InvalidOperationException($"{type.FullName} has [SpiClass(\"{spiClass.Name}\")] but neither a public constructor taking an ExtensionContext nor a public parameterless one.");
            }

            var captured = type;
            var factory = withContext is not null
                ? new Factory(type, context => CreateWith(withContext, context!), TakesContext: true)
                : new Factory(type, _ => Activator.CreateInstance(captured)!);
            foreach (var point in points)
            {
                var factories = _factories.GetOrAdd(point, static _ => new ConcurrentDictionary<string, Factory>(StringComparer.Ordinal));
                foreach (var name in spiClass.Aliases.Prepend(spiClass.Name))
                {
                    ValidateName(point, name);
                    if (!factories.TryAdd(name, factory))
                    {
                        throw new InvalidOperationException($"two implementations of {point.FullName} are named '{name}'; {type.FullName} is one of them. Give each a distinct [SpiClass] name.");
                    }
                }
            }
        }
    }

    private static object CreateWith(ConstructorInfo constructor, ExtensionContext context)
    {
        try
        {
            return constructor.Invoke([context]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            // An extension refusing its settings throws an RpcException naming them: the caller sees that one.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
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
        "IRpcFilter" => "filter",
        "ICluster" => "cluster",
        "IRouter" => "router",
        "ILoadBalancer" => "load balancer",
        _ => point.Name.StartsWith('I') ? point.Name[1..] : point.Name,
    };

    /// <summary>How one implementation is made; <see cref="Type"/> is null for one registered in code.</summary>
    private sealed record Factory(Type? Type, Func<ExtensionContext?, object> Create, bool TakesContext = false);
}
