namespace Bhrpc;

/// <summary>
/// Builds an <see cref="RpcServer"/>: listen address, registry, serializer and exported services.
/// <code>
/// await using var server = await new RpcServerBuilder()
///     .Listen("127.0.0.1", 27110)
///     .UseRegistry("local")
///     .AddService&lt;IGreeter&gt;(new Greeter(), s => s.Version = "1.0.0")
///     .StartAsync();
/// </code>
/// </summary>
public sealed class RpcServerBuilder
{
    private readonly ServerOptions _options;
    private readonly List<ServiceOptions> _services = [];

    /// <summary>Starts from the defaults of <see cref="ServerOptions"/>.</summary>
    public RpcServerBuilder()
        : this(new ServerOptions())
    {
    }

    /// <summary>Starts from <paramref name="options"/> (the builder changes that object).</summary>
    public RpcServerBuilder(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The address to bind; port 0 binds an ephemeral port.</summary>
    public RpcServerBuilder Listen(string host, int port)
    {
        _options.Host = host;
        _options.Port = port;
        return this;
    }

    /// <summary>The host written to the registry (bind 0.0.0.0, advertise the host's IP).</summary>
    public RpcServerBuilder AdvertiseAs(string host)
    {
        _options.AdvertiseHost = host;
        return this;
    }

    /// <summary>
    /// The registry by URL (<c>zookeeper://h1:2181,h2:2181/root</c>, <c>etcd://127.0.0.1:2379</c>,
    /// <c>local://</c>), or by name and address (<c>UseRegistry("zookeeper", "127.0.0.1:2181")</c>; for
    /// <c>local</c> the address is a folder, null for the default).
    /// </summary>
    public RpcServerBuilder UseRegistry(string typeOrUrl, string? address = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeOrUrl);
        _options.Registry = typeOrUrl.Contains("://", StringComparison.Ordinal)
            ? RegistryOptions.Parse(typeOrUrl)
            : new RegistryOptions { Type = typeOrUrl, Address = address };
        return this;
    }

    /// <summary>The registry.</summary>
    public RpcServerBuilder UseRegistry(RegistryOptions registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _options.Registry = registry;
        return this;
    }

    /// <summary>The serializer of frames the server starts (pings); responses use each request's serializer.</summary>
    public RpcServerBuilder UseSerializer(string name)
    {
        _options.Serializer = name;
        return this;
    }

    /// <summary>Changes any other server option.</summary>
    public RpcServerBuilder Configure(Action<ServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_options);
        return this;
    }

    /// <summary>Exports <paramref name="implementation"/> as <typeparamref name="TService"/>; <paramref name="configure"/> sets version, group, weight or name.</summary>
    public RpcServerBuilder AddService<TService>(TService implementation, Action<ServiceOptions>? configure = null)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var service = new ServiceOptions { ServiceType = typeof(TService), Implementation = implementation };
        configure?.Invoke(service);
        return AddService(service);
    }

    /// <summary>Exports a service described by <paramref name="service"/>.</summary>
    public RpcServerBuilder AddService(ServiceOptions service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _services.Add(service);
        return this;
    }

    /// <summary>Checks the options and makes the server (not started).</summary>
    public RpcServer Build()
    {
        _options.Validate();
        foreach (var service in _services)
        {
            service.Validate();
        }

        return new RpcServer(_options, [.. _services]);
    }

    /// <summary>Builds and starts the server.</summary>
    public async Task<RpcServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = Build();
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }
}
