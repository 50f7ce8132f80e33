using Bhrpc.Registry;

namespace Bhrpc.Tests.Connections;

/// <summary>
/// A registry that cannot be reached until a test calls <see cref="ComeUp"/>; then its watches push <see cref="Instances"/>.
/// Counts the watch attempts, and signals the first that succeeds.
/// </summary>
internal sealed class FlakyRegistry : IRegistry
{
    private readonly TaskCompletionSource _watched = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _up;
    private int _attempts;

    public string Description => "flaky://test";

    /// <summary>What the watches push once the registry is up.</summary>
    public IReadOnlyList<ServiceInstance> Instances { get; set; } = [];

    /// <summary>Watch attempts so far.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Completes when a watch is first set.</summary>
    public Task Watched => _watched.Task;

    public void ComeUp() => _up = true;

    public ValueTask RegisterAsync(ServiceInstance instance, CancellationToken cancellationToken = default) => throw new NotSupportedException("a consumer-only test registry");

    public ValueTask DeregisterAsync(ServiceInstance instance, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<IReadOnlyList<ServiceInstance>> DiscoverAsync(string serviceKey, CancellationToken cancellationToken = default)
        => _up ? ValueTask.FromResult(Instances) : throw Down();

    public ValueTask<IAsyncDisposable> WatchAsync(string serviceKey, Action<IReadOnlyList<ServiceInstance>> onChange, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _attempts);
        if (!_up)
        {
            throw Down();
        }

        onChange(Instances);
        _watched.TrySetResult();
        return ValueTask.FromResult<IAsyncDisposable>(new NoWatch());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static IOException Down() => new("no registry server answered (test registry down)");

    private sealed class NoWatch : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
