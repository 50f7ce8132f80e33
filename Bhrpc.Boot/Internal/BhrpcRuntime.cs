using Bhrpc.Injection;
using Bhrpc.Registry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Boot.Internal;

/// <summary>
/// What one host owns: the settings, one <see cref="RpcClient"/> (and the injector that uses it) and at most
/// one <see cref="RpcServer"/>. A singleton, disposed with the service provider.
/// </summary>
internal sealed class BhrpcRuntime : IDisposable, IAsyncDisposable
{
    private readonly BhrpcState _state;
    private readonly IServiceProvider _services;
    private readonly RpcClient _client;
    private readonly SemaphoreSlim _probeLock = new(1, 1);
    private IRegistry? _probe;
    private int _disposed;

    public BhrpcRuntime(BhrpcState state, IConfiguration configuration, IServiceProvider services)
    {
        _state = state;
        _services = services;
        if (state.Deferred.Count > 0)
        {
            throw state.Deferred[0];
        }

        Settings = BhrpcSettings.Read(configuration);
        var loggerFactory = services.GetService<ILoggerFactory>();
        Settings.ServerOptions.LoggerFactory ??= loggerFactory;

        // Check every reference now (values and extension names), so a bad value fails start rather than the first resolve.
        foreach (var reference in state.References.Values)
        {
            _ = Settings.NewReference(reference.Name, reference.Contract, reference.Configure);
        }

        // The client resolves names with the loader they were checked against.
        Settings.ClientOptions.LoggerFactory ??= loggerFactory;
        _client = new RpcClient(Settings.ClientOptions);
        Injector = new ReferenceInjector(_client, Settings.Consumer);
    }

    public BhrpcSettings Settings { get; }

    /// <summary>Sets <c>[RpcReference]</c> members and makes proxies.</summary>
    public ReferenceInjector Injector { get; }

    /// <summary>The host's one client, made with <see cref="BhrpcSettings.ClientOptions"/>; every reference's proxy uses it.</summary>
    public RpcClient Client => _client;

    /// <summary>The server, once started; null when nothing is exported.</summary>
    public RpcServer? Server { get; private set; }

    /// <summary>Whether anything is exported (in code or in configuration).</summary>
    public bool HasServices => _state.Services.Count > 0 || Settings.Services.Count > 0;

    /// <summary>Whether the host stopped bhrpc.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The proxy of the reference <paramref name="name"/>.</summary>
    public object Reference(string name)
    {
        var declaration = _state.References[name];
        return Injector.ProxyFor(Settings.NewReference(name, declaration.Contract, declaration.Configure));
    }

    /// <summary>Resolves the exported implementations and starts the server; does nothing when nothing is exported.</summary>
    public async Task StartServerAsync(CancellationToken cancellationToken)
    {
        if (!HasServices)
        {
            return;
        }

        var builder = new RpcServerBuilder(Settings.ServerOptions.Clone());
        foreach (var service in _state.Services)
        {
            var implementation = service.Implementation(_services);
            InjectReferences(implementation);
            builder.AddService(service.ToOptions(implementation));
        }

        foreach (var service in Settings.Services)
        {
            var implementation = ActivatorUtilities.CreateInstance(_services, service.Implementation);
            InjectReferences(implementation);
            builder.AddService(service.ToServiceOptions(implementation));
        }

        var server = builder.Build();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(Settings.ServerOptions.Registry.ConnectTimeout + TimeSpan.FromSeconds(5));
        await server.StartAsync(bound.Token).ConfigureAwait(false);
        Server = server;
    }

    /// <summary>Deregisters, serves connected consumers for <see cref="ServerOptions.GracePeriod"/>, stops accepting, drains within <see cref="ServerOptions.ShutdownTimeout"/>, closes.</summary>
    public async Task StopServerAsync(CancellationToken cancellationToken)
    {
        Stopped = true;
        if (Server is { } server)
        {
            await server.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Asks the registry for a service key nobody registers; an answer, even empty, means it is reachable.</summary>
    public async Task ProbeRegistryAsync(CancellationToken cancellationToken)
    {
        await _probeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (_probe is null)
            {
                var options = Settings.Registry.Clone();
                options.LoggerFactory ??= Settings.ServerOptions.LoggerFactory;
                _probe = Settings.ServerOptions.Extensions.Create<IRegistryFactory>(options.Type).Create(options);
            }

            _ = await _probe.DiscoverAsync("bhrpc.health.probe#0.0.0#", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _probeLock.Release();
        }
    }

    public string RegistryDescription => Settings.Registry.ToString();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Stopped = true;
        if (Server is not null)
        {
            await Server.DisposeAsync().ConfigureAwait(false);
        }

        await _client.DisposeAsync().ConfigureAwait(false);
        await _probeLock.WaitAsync().ConfigureAwait(false);
        if (_probe is not null)
        {
            await _probe.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Sync adapter for <c>provider.Dispose()</c>: blocks until <see cref="DisposeAsync"/> is done.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void InjectReferences(object implementation)
    {
        if (ReferenceInjector.HasReferences(implementation.GetType()))
        {
            Injector.Inject(implementation);
        }
    }
}
