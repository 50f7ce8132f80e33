using Bhrpc.Attributes;
using Bhrpc.Extensions;
using Bhrpc.LoadBalance;
using Bhrpc.Proxy;
using Bhrpc.Registry;
using Bhrpc.Serialization;
using Microsoft.Extensions.Configuration;

namespace Bhrpc.Boot.Internal;

/// <summary>The <c>Bhrpc</c> section read into Core options, every value checked; made once per host at start.</summary>
internal sealed class BhrpcSettings
{
    private const string ServerSection = "Bhrpc:Server";
    private const string ConsumerSection = "Bhrpc:Consumer";
    private const string Serializer = "serializer";
    private const string LoadBalancer = "load balancer";
    private const string Proxy = "proxy";
    private const string RegistryKind = "registry";

    private BhrpcSettings(ConfigReader reader, RegistryOptions registry, ServerOptions server, ConsumerDefaults consumer, IReadOnlyList<ConfiguredService> services)
    {
        Reader = reader;
        Registry = registry;
        ServerOptions = server;
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

    /// <summary><c>Bhrpc:Consumer</c>.</summary>
    public ConsumerDefaults Consumer { get; }

    /// <summary><c>Bhrpc:Services</c>.</summary>
    public IReadOnlyList<ConfiguredService> Services { get; }

    /// <summary>
    /// Reads and checks every key except the reference sections (see <see cref="ApplyReference"/>); extension
    /// names are checked against <paramref name="extensions"/> (default <see cref="ExtensionLoader.Shared"/>).
    /// </summary>
    /// <exception cref="RpcException">A value is bad; the message names the key and the expected form.</exception>
    public static BhrpcSettings Read(IConfiguration configuration, ExtensionLoader? extensions = null)
    {
        var reader = new ConfigReader(configuration, extensions ?? ExtensionLoader.Shared);
        reader.CheckKnown("Bhrpc", ["Registry", "Server", "Consumer", "References", "Services"]);
        reader.CheckKnown(ServerSection, BhrpcConfigurationKeys.ServerKeys);
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
        server.Validate();

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
        };

        var services = new List<ConfiguredService>();
        foreach (var child in configuration.GetSection("Bhrpc:Services").GetChildren())
        {
            services.Add(ConfiguredService.Read(reader, child.Path));
        }

        return new BhrpcSettings(reader, registry, server, consumer, services);
    }

    /// <summary>
    /// A reference to <paramref name="contract"/>: built-in defaults, then <c>Bhrpc:Consumer</c>, then
    /// <paramref name="configure"/> (code), then <c>Bhrpc:References:{name}</c> (configuration wins over code,
    /// so a deployment can change a reference with an environment variable).
    /// </summary>
    public ReferenceOptions NewReference(string name, Type contract, Action<ReferenceOptions>? configure)
    {
        var options = Consumer.NewReference(contract);
        configure?.Invoke(options);
        ApplyReference(name, options);
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
}
