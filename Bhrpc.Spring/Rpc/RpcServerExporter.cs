using Bhrpc.Spring.Context;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// The object of one <c>&lt;rpc:server&gt;</c>: starts an <see cref="RpcServer"/> exporting its services when the context
/// is refreshed (bounded by the registry's connect timeout plus 5 s, and by the context's own wait), and stops it —
/// deregistering first — when the context closes. A server with no services is not started.
/// </summary>
public sealed class RpcServerExporter : IContextLifecycle, IAsyncDisposable
{
    private readonly ServerOptions _options;
    private readonly IReadOnlyList<ServiceOptions> _services;
    private RpcServer? _server;

    internal RpcServerExporter(string id, ServerOptions options, IReadOnlyList<ServiceOptions> services)
    {
        Id = id;
        _options = options;
        _services = services;
    }

    /// <summary>The id of the <c>&lt;rpc:server&gt;</c>.</summary>
    public string Id { get; }

    /// <summary>The running server, or null before the context is refreshed, after it closed, or when nothing is exported.</summary>
    public RpcServer? Server => Volatile.Read(ref _server);

    /// <summary>The services this server exports.</summary>
    public IReadOnlyList<ServiceOptions> Services => _services;

    /// <inheritdoc />
    public async Task OnContextRefreshedAsync(XmlApplicationContext context, CancellationToken ct)
    {
        if (_services.Count == 0 || _server is not null)
        {
            return;
        }

        var builder = new RpcServerBuilder(_options.Clone());
        foreach (var service in _services)
        {
            builder.AddService(service);
        }

        var server = builder.Build();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(_options.Registry.ConnectTimeout + TimeSpan.FromSeconds(5));
        try
        {
            await server.StartAsync(bound.Token).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        Volatile.Write(ref _server, server);
    }

    /// <inheritdoc />
    public ValueTask OnContextClosingAsync() => DisposeAsync();

    /// <summary>Stops the server (deregistering its services first); safe to call more than once.</summary>
    /// <returns>Completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
