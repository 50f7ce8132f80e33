using System.Collections.Concurrent;
using System.Reflection;

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
    private readonly Lock _scanLock = new();

    /// <summary>Creates a loader; it scans assemblies when first asked for an extension point.</summary>
    public ExtensionLoader(ExtensionLoaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>A loader over the loaded assemblies with no plug-in folder. It holds types, not instances.</summary>
    public static ExtensionLoader Shared => s_shared.Value;

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

    private void EnsureScanned()
    {
        lock (_scanLock)
        {
            var core = typeof(ExtensionLoader).Assembly;
            var candidates = AppDomain.CurrentDomain.GetAssemblies()
                .Where(a => !a.IsDynamic && (a == core || a.GetReferencedAssemblies().Any(r => r.Name == core.GetName().Name)))
                .ToList();
            if (_scanned.Count == 0 && Options.PluginFolder is { } folder)
            {
                candidates.AddRange(LoadPlugins(folder));
            }

            foreach (var assembly in candidates)
            {
                if (_scanned.Add(assembly))
                {
                    Scan(assembly);
                }
            }
        }
    }

    private static IEnumerable<Assembly> LoadPlugins(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"extension plug-in folder '{folder}' does not exist; set ExtensionLoaderOptions.PluginFolder to an existing folder or to null.");
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal))
        {
            yield return Assembly.LoadFrom(Path.GetFullPath(file));
        }
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
