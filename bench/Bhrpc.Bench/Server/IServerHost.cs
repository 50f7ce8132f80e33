namespace Bhrpc.Bench.Server;

/// <summary>The server side of one system, run in the child process.</summary>
internal interface IServerHost : IAsyncDisposable
{
    /// <summary>Binds ephemeral ports on 127.0.0.1 and starts serving; returns each endpoint's name and port.</summary>
    Task<IReadOnlyDictionary<string, int>> StartAsync(CancellationToken cancellationToken);
}
