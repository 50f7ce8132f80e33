using Bhrpc.Attributes;
using Bhrpc.Cluster;
using Bhrpc.Extensions;
using Bhrpc.Invocation;
using Bhrpc.LoadBalance;
using Bhrpc.Proxy;
using Bhrpc.Registry;
using Bhrpc.Routing;
using Bhrpc.Serialization;
using Microsoft.Extensions.Configuration;

namespace Bhrpc.Boot.Internal;

/// <summary>The <c>Bhrpc</c> section read into Core options, every value checked; made once per host at start.</summary>
internal sealed class BhrpcSettings
{
    private const string ServerSection = "Bhrpc:Server";
    private const string ClientSection = "Bhrpc:Client";
    private const string ExtensionsSection = "Bhrpc:Extensions";
    private const string ConsumerSection = "Bhrpc:Consumer";
    private const string Serializer = "serializer";
    private const string LoadBalancer = "load balancer";
    private const string Proxy = "proxy";
    private const string RegistryKind = "registry";

    private BhrpcSettings(ConfigReader reader, RegistryOptions registry, ServerOptions server, ClientOptions client, ConsumerDefaults consumer, IReadOnlyList<ConfiguredService> services)
    {
        Reader = reader;
        Registry = registry;
        ServerOptions = server;
        ClientOptions = client;
        Consumer = consumer;
        Services = services;
    }

    /// <summary>Reads further keys (the reference sections).</summary>
    public ConfigReader Reader { get; }

    /// <summary>The loader every extension name is checked against, and the one the server and the client use.</summary>
    public ExtensionLoader Extensions => Reader.Extensions;

    /// <summary><c>Bhrpc:Registry</c>; default <c>local://</c>.</summary>
    public RegistryOptions Registry { get; }

    /// <summary><c>Bhrpc:Server</c> over the built-in defaults, with <see cref="Registry"/>.</summary>
    public ServerOptions ServerOptions { get; }

    /// <summary><c>Bhrpc:Client</c> over the built-in defaults, with <see cref="Registry"/>: the options of the host's one client (its filters run for every reference).</summary>
    public ClientOptions ClientOptions { get; }

    /// <summary><c>Bhrpc:Consumer</c>.</summary>
    public ConsumerDefaults Consumer { get; }

    /// <summary><c>Bhrpc:Services</c>.</summary>
    public IReadOnlyList<ConfiguredService> Services { get; }

    /// <summary>
    /// Reads and checks every key except the reference sections (see <see cref="ApplyReference"/>); extension
    /// names are checked against <paramref name="extensions"/>; by default a loader of the plug-ins of
    /// <c>Bhrpc:Extensions:PluginFolder</c> when that is set, else <see cref="ExtensionLoader.Shared"/>.
    /// </summary>
    /// <exception cref="RpcException">A value is bad; the message names the key and the expected form.</exception>
    public static BhrpcSettings Read(IConfiguration configuration, ExtensionLoader? extensions = null)
    {
        var keys = new ConfigReader(configuration, ExtensionLoader.Shared);
        keys.CheckKnown(BhrpcConfigurationKeys.Section, BhrpcConfigurationKeys.SectionKeys);
        keys.CheckKnown(ExtensionsSection, BhrpcConfigurationKeys.ExtensionsKeys);
        var reader = new ConfigReader(configuration, extensions ?? PluginLoader(keys) ?? ExtensionLoader.Shared);
        reader.CheckKnown(ServerSection, BhrpcConfigurationKeys.ServerKeys);
        reader.CheckKnown(ClientSection, BhrpcConfigurationKeys.ClientKeys);
        reader.CheckKnown(ConsumerSection, BhrpcConfigurationKeys.ConsumerKeys);

        var registry = reader.Registry("Bhrpc:Registry") ?? RegistryOptions.Parse("local://");
        var server = new ServerOptions { Registry = registry.Clone(), Extensions = reader.Extensions };
        server.Host = reader.String($"{ServerSection}:Host") ?? server.Host;
        server.Port = reader.Int($"{ServerSection}:Port", 0, 65535) ?? server.Port;
        server.AdvertiseHost = reader.String($"{ServerSection}:AdvertiseHost") ?? server.AdvertiseHost;
        server.Serializer = reader.Extension<IRpcSerializer>($"{ServerSection}:Serializer", Serializer) ?? server.Serializer;
        server.HeartbeatInterval = reader.Duration($"{ServerSection}:HeartbeatInterval", allowZero: false) ?? server.HeartbeatInterval;
        server.MaxFrameSize = reader.Int($"{ServerSection}:MaxFrameSize", 64, int.MaxValue) ?? server.MaxFrameSize;
        server.ShutdownTimeout = reader.Duration($"{ServerSection}:ShutdownTimeout", allowZero: true) ?? server.ShutdownTimeout;
        server.GracePeriod = reader.Duration($"{ServerSection}:GracePeriod", allowZero: true) ?? server.GracePeriod;
        server.Filters = reader.Filters($"{ServerSection}:Filters", RpcSide.Provider, allowRemoval: false) ?? server.Filters;
        server.Validate();
        var client = ReadClient(reader, registry);

        var consumer = new ConsumerDefaults
        {
            Version = reader.String($"{ConsumerSection}:Version"),
            Group = reader.String($"{ConsumerSection}:Group"),
            Registry = reader.Registry($"{ConsumerSection}:Registry")?.ToString(),
            Serializer = reader.Extension<IRpcSerializer>($"{ConsumerSection}:Serializer", Serializer),
            Timeout = reader.Duration($"{ConsumerSection}:Timeout", allowZero: false),
            LoadBalancer = reader.Extension<ILoadBalancer>($"{ConsumerSection}:LoadBalancer", LoadBalancer),
            Proxy = reader.Extension<IProxyFactory>($"{ConsumerSection}:Proxy", Proxy),
            Oneway = reader.Bool($"{ConsumerSection}:Oneway"),
            MethodNaming = reader.MethodNaming($"{ConsumerSection}:MethodNaming"),
            Cluster = reader.Cluster($"{ConsumerSection}:Cluster"),
            Retries = reader.Retries($"{ConsumerSection}:Retries"),
            AttemptTimeout = reader.Duration($"{ConsumerSection}:AttemptTimeout", allowZero: false),
            Lazy = reader.Bool($"{ConsumerSection}:Lazy"),
        };

        var services = new List<ConfiguredService>();
        foreach (var child in configuration.GetSection("Bhrpc:Services").GetChildren())
        {
            services.Add(ConfiguredService.Read(reader, child.Path));
        }

        return new BhrpcSettings(reader, registry, server, client, consumer, services);
    }

    /// <summary>
    /// <c>Bhrpc:Client</c>. Each value is checked with its key; what is left for <see cref="ClientOptions.Validate"/>
    /// is its rule across two keys (<c>MaxEjectionBackoff</c> at least <c>EjectionBackoff</c>), reported naming the
    /// key that was set.
    /// </summary>
    private static ClientOptions ReadClient(ConfigReader reader, RegistryOptions registry)
    {
        var client = new ClientOptions { Registry = registry.Clone(), Extensions = reader.Extensions };
        client.Filters = reader.Filters($"{ClientSection}:Filters", RpcSide.Consumer, allowRemoval: false) ?? client.Filters;
        var backoffKey = $"{ClientSection}:EjectionBackoff";
        var maxKey = $"{ClientSection}:MaxEjectionBackoff";
        client.EjectionBackoff = reader.Duration(backoffKey, allowZero: false) ?? client.EjectionBackoff;
        client.MaxEjectionBackoff = reader.Duration(maxKey, allowZero: false) ?? client.MaxEjectionBackoff;
        client.EjectAfterFailures = reader.Int($"{ClientSection}:EjectAfterFailures", 1, int.MaxValue) ?? client.EjectAfterFailures;
        try
        {
            client.Validate();
        }
        catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration && client.MaxEjectionBackoff < client.EjectionBackoff)
        {
            // Name the key that was set: the maximum when it is, else the backoff that exceeds the default maximum.
            var key = reader.String(maxKey) is not null ? maxKey : backoffKey;
            throw ConfigReader.Error(key, reader.String(key)!, $"{maxKey} at least {backoffKey} (defaults 30s and 1s)", e.Message);
        }

        return client;
    }

    /// <summary>
    /// A loader of its own for <c>Bhrpc:Extensions:PluginFolder</c> (a relative folder is under the application's
    /// folder, <see cref="AppContext.BaseDirectory"/>), its plug-ins loaded now so that a bad file fails start; null when unset.
    /// </summary>
    private static ExtensionLoader? PluginLoader(ConfigReader reader)
    {
        var key = $"{ExtensionsSection}:PluginFolder";
        if (reader.String(key) is not { } text)
        {
            return null;
        }

        var folder = Path.GetFullPath(text, AppContext.BaseDirectory);
        var expected = $"a folder of plug-in assemblies (*.dll); a relative one is under the application's folder {AppContext.BaseDirectory}";
        if (!Directory.Exists(folder))
        {
            throw ConfigReader.Error(key, text, expected, $"{folder} does not exist");
        }

        var loader = new ExtensionLoader(new ExtensionLoaderOptions { PluginFolder = folder });
        try
        {
            _ = loader.Names<IRpcSerializer>();
        }
        catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration)
        {
            throw ConfigReader.Error(key, text, expected, e.Message);
        }

        return loader;
    }

    /// <summary>
    /// A reference to <paramref name="contract"/>: built-in defaults, then <c>Bhrpc:Consumer</c>, then
    /// <paramref name="configure"/> (code), then <c>Bhrpc:References:{name}</c> (configuration wins over code,
    /// so a deployment can change a reference with an environment variable).
    /// </summary>
    public ReferenceOptions NewReference(string name, Type contract, Action<ReferenceOptions>? configure)
    {
        var options = ComposeReference(name, contract, configure);
        try
        {
            options.Validate();
            CheckExtensionNames(options);
        }
        catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"reference '{name}' (Bhrpc:References:{name}): {e.Message}", e);
        }

        return options;
    }

    /// <summary>The options of <see cref="NewReference"/> before Core's own validation: every key read and checked.</summary>
    public ReferenceOptions ComposeReference(string name, Type contract, Action<ReferenceOptions>? configure)
    {
        var options = Consumer.NewReference(contract);
        configure?.Invoke(options);
        ApplyReference(name, options);
        return options;
    }

    /// <summary>
    /// Every name the client will resolve for <paramref name="options"/>. Names read from configuration were
    /// checked with their key; a name that fails here was set in code (the <c>configure</c> callback).
    /// </summary>
    private void CheckExtensionNames(ReferenceOptions options)
    {
        Check<IRpcSerializer>(nameof(ReferenceOptions.Serializer), options.Serializer, Serializer);
        Check<ILoadBalancer>(nameof(ReferenceOptions.LoadBalancer), options.LoadBalancer, LoadBalancer);
        Check<IProxyFactory>(nameof(ReferenceOptions.Proxy), options.Proxy, Proxy);
        if (options.Registry is { } registry && options.DirectAddress is null)
        {
            Check<IRegistryFactory>($"{nameof(ReferenceOptions.Registry)}.{nameof(RegistryOptions.Type)}", registry.Type, RegistryKind);
        }

        // A cluster named in configuration was checked with its key.
        if (options.Cluster.Source is null)
        {
            Check<ICluster>(nameof(ReferenceOptions.Cluster), options.Cluster.Name, "cluster");
        }

        foreach (var filter in options.Filters.Where(f => f.Source is null))
        {
            Check<IRpcFilter>(nameof(ReferenceOptions.Filters), filter.IsRemoval ? filter.Name[1..].Trim() : filter.Name, "filter");
        }

        foreach (var router in options.Routers.Where(r => r.Source is null))
        {
            Check<IRouter>(nameof(ReferenceOptions.Routers), router.Name, "router");
        }

        void Check<T>(string property, string value, string what)
            where T : class
        {
            if (!Extensions.Contains<T>(value))
            {
                throw new RpcException(RpcStatusCode.Configuration, $"ReferenceOptions.{property} is '{value}', set in code (AddReference's configure), but no {what} has that name; expected one of: {string.Join(", ", Extensions.Names<T>())}.");
            }
        }
    }

    private void ApplyReference(string name, ReferenceOptions options)
    {
        var section = $"Bhrpc:References:{name}";
        Reader.CheckKnown(section, BhrpcConfigurationKeys.ReferenceKeys);
        if (Reader.Type($"{section}:Interface", mustBeInterface: true) is { } configured && configured != options.Interface)
        {
            throw ConfigReader.Error($"{section}:Interface", Reader.String($"{section}:Interface")!, $"the interface the reference is registered with, {options.Interface.FullName} (or no value)");
        }

        options.Version = Reader.String($"{section}:Version") ?? options.Version;
        options.Group = Reader.String($"{section}:Group") ?? options.Group;
        options.Registry = Reader.Registry($"{section}:Registry") ?? options.Registry;
        options.DirectAddress = Reader.String($"{section}:DirectAddress") ?? options.DirectAddress;
        options.Serializer = Reader.Extension<IRpcSerializer>($"{section}:Serializer", Serializer) ?? options.Serializer;
        options.Timeout = Reader.Duration($"{section}:Timeout", allowZero: false) ?? options.Timeout;
        options.Oneway = Reader.Bool($"{section}:Oneway") ?? options.Oneway;
        options.LoadBalancer = Reader.Extension<ILoadBalancer>($"{section}:LoadBalancer", LoadBalancer) ?? options.LoadBalancer;
        options.Proxy = Reader.Extension<IProxyFactory>($"{section}:Proxy", Proxy) ?? options.Proxy;
        options.ServiceName = Reader.String($"{section}:ServiceName") ?? options.ServiceName;
        options.MethodNaming = Reader.MethodNaming($"{section}:MethodNaming") ?? options.MethodNaming;
        options.Cluster = Reader.Cluster($"{section}:Cluster") ?? options.Cluster;
        options.Retries = Reader.Retries($"{section}:Retries") ?? options.Retries;
        options.AttemptTimeout = Reader.Duration($"{section}:AttemptTimeout", allowZero: false) ?? options.AttemptTimeout;
        options.Lazy = Reader.Bool($"{section}:Lazy") ?? options.Lazy;
        options.Filters = Reader.Filters($"{section}:Filters", RpcSide.Consumer, allowRemoval: true) ?? options.Filters;
        options.Routers = Reader.Routers($"{section}:Routers") ?? options.Routers;
        if (Reader.Methods($"{section}:Methods", options.Interface, consumer: true) is { } configuredMethods)
        {
            // Copies, so a MethodOptions object the code callback shares is not changed.
            var methods = options.Methods.Select(m => m.Clone()).ToList();
            configuredMethods.ForEach(m => Merge(methods, m));
            options.Methods = methods;
        }

        if (options.DirectAddress is not null)
        {
            try
            {
                ReferenceOptions.ValidateDirectAddress(options.DirectAddress, $"{section}:DirectAddress");
            }
            catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration)
            {
                throw ConfigReader.Error($"{section}:DirectAddress", options.DirectAddress, "host:port[,host:port]", e.Message);
            }
        }
    }

    /// <summary>Configured method settings win, key by key, over those set in code for the same method.</summary>
    private static void Merge(List<MethodOptions> methods, MethodOptions configured)
    {
        var existing = methods.FirstOrDefault(m => string.Equals(m.Name, configured.Name, StringComparison.Ordinal));
        if (existing is null)
        {
            methods.Add(configured);
            return;
        }

        existing.Timeout = configured.Timeout ?? existing.Timeout;
        existing.AttemptTimeout = configured.AttemptTimeout ?? existing.AttemptTimeout;
        existing.Retries = configured.Retries ?? existing.Retries;
        existing.Oneway = configured.Oneway ?? existing.Oneway;
        existing.Idempotent = configured.Idempotent ?? existing.Idempotent;
    }
}
