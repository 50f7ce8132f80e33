using Bhrpc.Attributes;
using Microsoft.Extensions.Configuration;

namespace Bhrpc.Boot.Internal;

/// <summary>The <c>Bhrpc</c> section read into Core options, every value checked; made once per host at start.</summary>
internal sealed class BhrpcSettings
{
    private const string ServerSection = "Bhrpc:Server";
    private const string ConsumerSection = "Bhrpc:Consumer";

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

    /// <summary><c>Bhrpc:Registry</c>; default <c>local://</c>.</summary>
    public RegistryOptions Registry { get; }

    /// <summary><c>Bhrpc:Server</c> over the built-in defaults, with <see cref="Registry"/>.</summary>
    public ServerOptions ServerOptions { get; }

    /// <summary><c>Bhrpc:Consumer</c>.</summary>
    public ConsumerDefaults Consumer { get; }

    /// <summary><c>Bhrpc:Services</c>.</summary>
    public IReadOnlyList<ConfiguredService> Services { get; }

    /// <summary>Reads and checks every key except the reference sections (see <see cref="ApplyReference"/>).</summary>
    /// <exception cref="RpcException">A value is bad; the message names the key and the expected form.</exception>
    public static BhrpcSettings Read(IConfiguration configuration)
    {
        var reader = new ConfigReader(configuration);
        reader.CheckKnown("Bhrpc", ["Registry", "Server", "Consumer", "References", "Services"]);
        reader.CheckKnown(ServerSection, BhrpcConfigurationKeys.ServerKeys);
        reader.CheckKnown(ConsumerSection, BhrpcConfigurationKeys.ConsumerKeys);

        var registry = reader.Registry("Bhrpc:Registry") ?? RegistryOptions.Parse("local://");
        var server = new ServerOptions { Registry = registry.Clone() };
        server.Host = reader.String($"{ServerSection}:Host") ?? server.Host;
        server.Port = reader.Int($"{ServerSection}:Port", 0, 65535) ?? server.Port;
        server.AdvertiseHost = reader.String($"{ServerSection}:AdvertiseHost") ?? server.AdvertiseHost;
        server.Serializer = reader.String($"{ServerSection}:Serializer") ?? server.Serializer;
        server.HeartbeatInterval = reader.Duration($"{ServerSection}:HeartbeatInterval", allowZero: false) ?? server.HeartbeatInterval;
        server.MaxFrameSize = reader.Int($"{ServerSection}:MaxFrameSize", 64, int.MaxValue) ?? server.MaxFrameSize;
        server.ShutdownTimeout = reader.Duration($"{ServerSection}:ShutdownTimeout", allowZero: true) ?? server.ShutdownTimeout;
        server.Validate();

        var consumer = new ConsumerDefaults
        {
            Version = reader.String($"{ConsumerSection}:Version"),
            Group = reader.String($"{ConsumerSection}:Group"),
            Registry = reader.Registry($"{ConsumerSection}:Registry")?.ToString(),
            Serializer = reader.String($"{ConsumerSection}:Serializer"),
            Timeout = reader.Duration($"{ConsumerSection}:Timeout", allowZero: false),
            LoadBalancer = reader.String($"{ConsumerSection}:LoadBalancer"),
            Proxy = reader.String($"{ConsumerSection}:Proxy"),
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
        }
        catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"reference '{name}' (Bhrpc:References:{name}): {e.Message}", e);
        }

        return options;
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
        options.Serializer = Reader.String($"{section}:Serializer") ?? options.Serializer;
        options.Timeout = Reader.Duration($"{section}:Timeout", allowZero: false) ?? options.Timeout;
        options.Oneway = Reader.Bool($"{section}:Oneway") ?? options.Oneway;
        options.LoadBalancer = Reader.String($"{section}:LoadBalancer") ?? options.LoadBalancer;
        options.Proxy = Reader.String($"{section}:Proxy") ?? options.Proxy;
        options.ServiceName = Reader.String($"{section}:ServiceName") ?? options.ServiceName;
        options.MethodNaming = Reader.MethodNaming($"{section}:MethodNaming") ?? options.MethodNaming;
        if (options.DirectAddress is not null)
        {
            try
            {
                _ = Bhrpc.Internal.HostPort.ParseList(options.DirectAddress, $"{section}:DirectAddress");
            }
            catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration)
            {
                throw ConfigReader.Error($"{section}:DirectAddress", options.DirectAddress, "host:port[,host:port]", e.Message);
            }
        }
    }
}
