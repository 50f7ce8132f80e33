using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bhrpc.Boot.Internal;

/// <summary>
/// Runs bhrpc with the host: start checks the configuration, starts the server and registers the services;
/// stop (host stop, SIGTERM through the console lifetime) deregisters first, serves connected consumers for at most
/// <c>Bhrpc:Server:GracePeriod</c>, stops accepting, drains calls in flight within <c>Bhrpc:Server:ShutdownTimeout</c>
/// and closes.
/// </summary>
internal sealed class BhrpcHostedService : IHostedService
{
    private readonly IServiceProvider _services;
    private BhrpcRuntime? _runtime;

    public BhrpcHostedService(IServiceProvider services) => _services = services;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolving the runtime reads and checks every key: a bad value fails the host's start.
        _runtime = _services.GetRequiredService<BhrpcRuntime>();
        await _runtime.StartServerAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken)
        => _runtime is null ? Task.CompletedTask : _runtime.StopServerAsync(cancellationToken);
}
