using System.Collections.Concurrent;
using Bhrpc.Client.Internal;
using Bhrpc.Cluster;
using Bhrpc.Extensions;
using Bhrpc.Invocation;
using Bhrpc.Invocation.Internal;
using Bhrpc.LoadBalance;
using Bhrpc.Proxy;
using Bhrpc.Registry;
using Bhrpc.Routing;
using Bhrpc.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bhrpc;

/// <summary>
/// A bhrpc consumer: makes proxies for service interfaces from <see cref="ReferenceOptions"/>.
/// Its references share one multiplexed connection per provider address.
/// <code>
/// await using var client = new RpcClient();
/// var greeter = client.CreateProxy&lt;IGreeter&gt;(r => r.Timeout = TimeSpan.FromSeconds(2));
/// var text = await greeter.HelloAsync("bhrpc");
/// </code>
/// </summary>
public sealed class RpcClient : IAsyncDisposable
{
    private readonly ClientOptions _options;
    private readonly SerializerSet _serializers;
    private readonly ConnectionPool _pool;
    private readonly ProviderStatsTable _stats;
    private readonly ConcurrentDictionary<(string Type, string Address, string Root), Lazy<IRegistry>> _registries = new();
    private readonly ConcurrentDictionary<(IRegistry Registry, string Key), RegistryProviders> _providers = new();
    private readonly Microsoft.Extensions.Logging.ILogger _logger;
    private readonly string _sourceIp;
    private readonly ConcurrentBag<object> _disposables = [];
    private int _disposed;

    /// <summary>Makes a client with <paramref name="options"/> (default: <see cref="ClientOptions"/> defaults).</summary>
    public RpcClient(ClientOptions? options = null)
    {
        _options = options ?? new ClientOptions();
        _options.Validate();
        var logger = (_options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RpcClient>();
        _logger = logger;
        _serializers = new SerializerSet(_options.Extensions);
        _stats = new ProviderStatsTable(_options.TimeProvider);
        _pool = new ConnectionPool(_options, _serializers, _stats, logger);
        _sourceIp = Internal.LocalAddress.IPv4;
    }

    /// <summary>The options (do not change them after construction).</summary>
    public ClientOptions Options => _options;

    /// <summary>Calls waiting for a response, over all connections.</summary>
    internal int PendingCalls => _pool.Open().Sum(c => c.PendingCount);

    /// <summary>The open connections.</summary>
    internal IReadOnlyList<object> OpenConnections => [.. _pool.Open()];

    /// <summary>The statistics of every provider address this client has called.</summary>
    internal ProviderStatsTable ProviderStats => _stats;

    /// <summary>Makes a proxy for <typeparamref name="T"/>; <paramref name="configure"/> changes the reference's defaults.</summary>
    public T CreateProxy<T>(Action<ReferenceOptions>? configure = null)
        where T : class
    {
        var options = new ReferenceOptions { Interface = typeof(T) };
        configure?.Invoke(options);
        return CreateProxy<T>(options);
    }

    /// <summary>Makes a proxy for <typeparamref name="T"/> from <paramref name="options"/>.</summary>
    public T CreateProxy<T>(ReferenceOptions options)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Interface != typeof(T))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ReferenceOptions.Interface is {options.Interface?.FullName ?? "null"} but the proxy asked for is {typeof(T).FullName}.");
        }

        return (T)CreateProxy(options);
    }

    /// <summary>Makes a proxy for <see cref="ReferenceOptions.Interface"/>.</summary>
    public object CreateProxy(ReferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new RpcException(RpcStatusCode.Unavailable, $"the client was disposed; no proxy for {options.Interface?.FullName ?? "null"} can be made with it.");
        }

        var reference = options.Clone();
        reference.Validate();
        var serializer = _serializers.Get(reference.Serializer);
        var loadBalancer = _options.Extensions.Create<ILoadBalancer>(reference.LoadBalancer);
        var proxyFactory = _options.Extensions.Create<IProxyFactory>(reference.Proxy);
        IProviderSource providers = reference.DirectAddress is not null
            ? new DirectProviders(reference)
            : Providers(Registry(reference.Registry ?? _options.Registry), reference.Key);
        var owner = $"reference {reference.Key}";
        var loader = _options.Extensions;
        var clock = _options.TimeProvider;
        var cluster = loader.CreateFor<ICluster>(new ExtensionContext(reference.Cluster.Name, owner, reference.Cluster.Settings, clock, _options.LoggerFactory));
        RefuseRetriesWithout(cluster, reference);
        if (cluster is IDisposable or IAsyncDisposable)
        {
            _disposables.Add(cluster);
        }

        var routers = reference.Routers.Select(r => loader.CreateFor<IRouter>(new ExtensionContext(r.Name, owner, r.Settings, clock, _options.LoggerFactory))).ToList();
        var invoker = new ReferenceInvoker(
            reference,
            _options,
            serializer,
            loadBalancer,
            providers,
            _pool,
            _sourceIp,
            cluster,
            routers,
            terminal => FilterChain.Build(loader, _options.Filters, reference.Filters, RpcSide.Consumer, owner, clock, _options.LoggerFactory, terminal, out _));
        var proxy = proxyFactory.CreateProxy(reference.Interface, invoker);
        if (!reference.Lazy)
        {
            EagerConnector.Start(providers, _pool, _options, reference.Key, _logger);
        }

        return proxy;
    }

    /// <summary>Closes every connection (pending calls fail with <see cref="RpcStatusCode.ConnectionClosed"/>) and the registries.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _pool.DisposeAsync().ConfigureAwait(false);
        foreach (var extension in _disposables)
        {
            if (extension is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                ((IDisposable)extension).Dispose();
            }
        }

        foreach (var providers in _providers.Values)
        {
            await providers.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var registry in _registries.Values.Where(r => r.IsValueCreated))
        {
            await registry.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Refuses Retries on a reference or method whose cluster makes no retries: the setting would have no effect.</summary>
    private static void RefuseRetriesWithout(ICluster cluster, ReferenceOptions reference)
    {
        if (cluster.UsesRetries)
        {
            return;
        }

        var where = reference.Retries is not null ? "Retries" : reference.Methods.FirstOrDefault(m => m.Retries is not null) is { } method ? $"Methods '{method.Name}' Retries" : null;
        if (where is not null)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ReferenceOptions.{where} of {reference.Interface.FullName}: cluster '{reference.Cluster.Name}' makes no retries, so the setting would have no effect; remove it, or use cluster 'failover'.");
        }
    }

    private RegistryProviders Providers(IRegistry registry, string serviceKey)
        => _providers.GetOrAdd((registry, serviceKey), static (k, client) => new RegistryProviders(k.Registry, k.Key, client._logger, client._options.TimeProvider), this);

    private IRegistry Registry(RegistryOptions options)
    {
        options.Validate();
        var key = (options.Type, options.Address ?? string.Empty, options.Root);
        var copy = options.Clone();
        copy.LoggerFactory ??= _options.LoggerFactory;
        var lazy = _registries.GetOrAdd(key, _ => new Lazy<IRegistry>(() => _options.Extensions.Create<IRegistryFactory>(copy.Type).Create(copy)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // Do not keep a failed registry: the next proxy tries again.
            _registries.TryRemove(new KeyValuePair<(string, string, string), Lazy<IRegistry>>(key, lazy));
            throw;
        }
    }
}
