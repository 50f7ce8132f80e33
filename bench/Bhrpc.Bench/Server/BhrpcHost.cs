using Bhrpc.Bench.Service;

namespace Bhrpc.Bench.Server;

/// <summary>A bhrpc provider exporting <see cref="IBenchService"/> and <see cref="IBenchSyncService"/>, registered in a private <c>local</c> registry folder.</summary>
internal sealed class BhrpcHost : IServerHost
{
    /// <summary>The endpoint name in the child's <c>port</c> line.</summary>
    public const string Endpoint = "bhrpc";

    private readonly string _registryFolder = Path.Combine(Path.GetTempPath(), $"bhrpc-bench-{Environment.ProcessId}");
    private RpcServer? _server;

    public async Task<IReadOnlyDictionary<string, int>> StartAsync(CancellationToken cancellationToken)
    {
        _server = await new RpcServerBuilder()
            .Listen("127.0.0.1", 0)
            .UseRegistry("local", _registryFolder)
            .AddService<IBenchService>(new BenchService())
            .AddService<IBenchSyncService>(new BenchSyncService())
            .StartAsync(cancellationToken)
            .ConfigureAwait(false);
        return new Dictionary<string, int> { [Endpoint] = _server.Port };
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(_registryFolder, recursive: true);
        }
        catch (IOException)
        {
            // Already gone, or a file still held: it is in the temp folder either way.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
