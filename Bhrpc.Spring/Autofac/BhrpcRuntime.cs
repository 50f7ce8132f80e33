using Bhrpc.Attributes;
using Bhrpc.Injection;

namespace Bhrpc.Spring.Autofac;

/// <summary>
/// What one container owns: one <see cref="RpcClient"/> (and the injector that uses it) and at most one
/// <see cref="RpcServer"/>. A single instance per container, disposed with it.
/// </summary>
internal sealed class BhrpcRuntime : IDisposable, IAsyncDisposable
{
    private readonly ServerOptions _serverOptions;
    private readonly RpcClient _client;
    private RpcServer? _server;
    private int _disposed;

    public BhrpcRuntime(ServerOptions serverOptions, ClientOptions clientOptions, ConsumerDefaults consumer)
    {
        _serverOptions = serverOptions;
        _client = new RpcClient(clientOptions);
        Injector = new ReferenceInjector(_client, consumer);
    }

    /// <summary>Sets <c>[RpcReference]</c> members and makes proxies.</summary>
    public ReferenceInjector Injector { get; }

    /// <summary>The started server, or null when the container exports nothing.</summary>
    public RpcServer? Server => _server;

    /// <summary>
    /// Starts one server that exports <paramref name="services"/> and waits for it: binding and
    /// registering are bounded by the registry's connect timeout (plus a margin), so a container build
    /// never blocks for ever. Does nothing when there is nothing to export.
    /// </summary>
    public void StartServer(IReadOnlyList<ServiceOptions> services)
    {
        if (services.Count == 0)
        {
            return;
        }

        if (_server is not null)
        {
            throw new InvalidOperationException("the bhrpc server of this container was already started.");
        }

        var builder = new RpcServerBuilder(_serverOptions);
        foreach (var service in services)
        {
            builder.AddService(service);
        }

        var server = builder.Build();
        using var bound = new CancellationTokenSource(_serverOptions.Registry.ConnectTimeout + TimeSpan.FromSeconds(5));

        // Autofac build callbacks are synchronous; Core never captures a synchronization context, so waiting here cannot deadlock.
        server.StartAsync(bound.Token).GetAwaiter().GetResult();
        _server = server;
    }

    /// <summary>Stops the server (deregistering its services) and closes the client's connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        await _client.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Sync adapter for <c>container.Dispose()</c>: blocks until <see cref="DisposeAsync"/> is done.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
