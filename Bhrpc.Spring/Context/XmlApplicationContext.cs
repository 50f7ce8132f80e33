using System.Runtime.ExceptionServices;
using Autofac;
using Autofac.Core;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Context;

/// <summary>
/// A Spring.NET-style application context: reads <c>&lt;objects xmlns="http://www.springframework.net"&gt;</c> XML,
/// registers the definitions in an Autofac container and creates the non-lazy singletons.
/// </summary>
/// <remarks>
/// The constructor waits for every <see cref="IContextLifecycle.OnContextRefreshedAsync"/> at most
/// <see cref="XmlApplicationContextOptions.LifecycleTimeout"/> in total (the token it passes is cancelled then, and the
/// constructor throws <see cref="TimeoutException"/> after disposing what it created); <see cref="CreateAsync"/> awaits
/// them without blocking, bounded only by its cancellation token.
/// </remarks>
public sealed partial class XmlApplicationContext : IDisposable, IAsyncDisposable
{
    private readonly XmlApplicationContextOptions _options;
    private readonly ObjectDefinitionRegistry _registry = new();
    private readonly CreationTracker _tracker = new();
    private readonly ObjectInstantiator _instantiator;
    private readonly List<IObjectPostProcessor> _postProcessors = [];
    private readonly List<CreatedObject> _created = [];
    private readonly Dictionary<string, object> _early = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private IContainer? _container;
    private bool _disposed;

    /// <summary>Loads the XML at <paramref name="locations"/> (file paths or <c>assembly://Assembly/Folder/file.xml</c>) and refreshes.</summary>
    /// <param name="locations">One or more locations.</param>
    public XmlApplicationContext(params string[] locations)
        : this(new XmlApplicationContextOptions(), locations)
    {
    }

    /// <summary>Loads the XML at <paramref name="locations"/> with options (extra parsers, timeouts) and refreshes.</summary>
    /// <param name="options">The options.</param>
    /// <param name="locations">One or more locations.</param>
    public XmlApplicationContext(XmlApplicationContextOptions options, params string[] locations)
        : this(options, locations, notifyLifecycle: true)
    {
    }

    private XmlApplicationContext(XmlApplicationContextOptions options, string[] locations, bool notifyLifecycle)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(locations);
        options.Validate();
        if (locations.Length == 0)
        {
            throw new ArgumentException("At least one XML location is required.", nameof(locations));
        }

        _options = options;
        _instantiator = new ObjectInstantiator(() => _postProcessors);
        try
        {
            new XmlObjectDefinitionReader(_registry, options).Load(locations);
            Refresh();
            if (notifyLifecycle)
            {
                using var cts = new CancellationTokenSource(options.LifecycleTimeout);
                try
                {
                    NotifyRefreshedAsync(cts.Token).WaitBounded(options.LifecycleTimeout, "IContextLifecycle.OnContextRefreshedAsync");
                }
                catch (OperationCanceledException ex) when (cts.IsCancellationRequested)
                {
                    // A lifecycle object that honours the token reports the same timeout as one that ignores it.
                    throw new TimeoutException(
                        $"IContextLifecycle.OnContextRefreshedAsync did not complete within {options.LifecycleTimeout} (XmlApplicationContextOptions.LifecycleTimeout); use XmlApplicationContext.CreateAsync for long start-up work.", ex);
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Loads, refreshes and awaits every <see cref="IContextLifecycle.OnContextRefreshedAsync"/> without blocking a thread.</summary>
    /// <param name="options">The options.</param>
    /// <param name="locations">One or more locations.</param>
    /// <param name="ct">Cancels waiting for the lifecycle objects.</param>
    /// <returns>The refreshed context.</returns>
    public static async Task<XmlApplicationContext> CreateAsync(XmlApplicationContextOptions options, IEnumerable<string> locations, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(locations);
        var context = new XmlApplicationContext(options, [.. locations], notifyLifecycle: false);
        try
        {
            await context.NotifyRefreshedAsync(ct).ConfigureAwait(false);
            return context;
        }
        catch
        {
            await context.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The definitions read from XML and added by parsers and factory post-processors.</summary>
    public ObjectDefinitionRegistry Registry => _registry;

    /// <summary>Returns the object with this id or alias; errors list the known ids.</summary>
    /// <param name="id">The id or alias.</param>
    /// <returns>The object (shared for singletons, new for prototypes).</returns>
    public object GetObject(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_sync)
        {
            var definition = _registry.Get(id);
            if (_tracker.IsCreating(definition.Id))
            {
                throw _tracker.CycleError(definition.Id, definition.Location);
            }

            try
            {
                return _container!.ResolveNamed<object>(definition.Id);
            }
            catch (DependencyResolutionException ex)
            {
                for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
                {
                    if (inner is ObjectDefinitionException definitionError)
                    {
                        ExceptionDispatchInfo.Throw(definitionError);
                    }
                }

                throw new ObjectDefinitionException($"Creating object '{definition.Id}' failed: {ex.Message}", definition.Location, ex);
            }
        }
    }

    /// <summary>Returns the object with this id, cast to <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="id">The id or alias.</param>
    /// <returns>The object.</returns>
    public T GetObject<T>(string id)
    {
        var instance = GetObject(id);
        return instance is T typed ? typed
            : throw new ObjectDefinitionException($"Object '{id}' is a {instance.GetType().FullName}, not a {typeof(T).FullName}.", _registry.Get(id).Location);
    }

    /// <summary>Returns every object whose definition produces a <typeparamref name="T"/>, by id, in definition order.</summary>
    /// <typeparam name="T">The type to look for.</typeparam>
    /// <returns>The objects by id.</returns>
    public IReadOnlyDictionary<string, T> GetObjectsOfType<T>()
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var definition in _registry.Definitions.ToList())
        {
            if (ObjectInstantiator.ProducedType(definition) is { } type && typeof(T).IsAssignableFrom(type) && GetObject(definition.Id) is T typed)
            {
                result.Add(definition.Id, typed);
            }
        }

        return result;
    }

    /// <summary>Whether an object with this id or alias is defined.</summary>
    /// <param name="id">The id or alias.</param>
    /// <returns>True when defined.</returns>
    public bool ContainsObject(string id) => _registry.Contains(id);
}
