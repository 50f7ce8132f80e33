namespace Bhrpc.TestProvider;

/// <summary>Answers at once with the value it was given.</summary>
public sealed class LoadService : ILoadService
{
    /// <inheritdoc />
    public Task<int> ReadAsync(int value) => Task.FromResult(value);

    /// <inheritdoc />
    public Task<int> WriteAsync(int value) => Task.FromResult(value);
}
