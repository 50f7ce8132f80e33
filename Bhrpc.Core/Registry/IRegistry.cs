namespace Bhrpc.Registry;

/// <summary>
/// A service registry: providers register and deregister instances, consumers discover them by
/// service key. Made by an <see cref="IRegistryFactory"/>; each server and client owns its own.
/// </summary>
public interface IRegistry : IAsyncDisposable
{
    /// <summary>A short description for messages, for example <c>local:///tmp/bhrpc-registry</c>.</summary>
    string Description { get; }

    /// <summary>Registers <paramref name="instance"/>; it stays registered until deregistered or this registry is disposed.</summary>
    ValueTask RegisterAsync(ServiceInstance instance, CancellationToken cancellationToken = default);

    /// <summary>Removes <paramref name="instance"/>; removing an unknown instance does nothing.</summary>
    ValueTask DeregisterAsync(ServiceInstance instance, CancellationToken cancellationToken = default);

    /// <summary>The live instances registered under <paramref name="serviceKey"/> (empty when none).</summary>
    ValueTask<IReadOnlyList<ServiceInstance>> DiscoverAsync(string serviceKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Watches <paramref name="serviceKey"/>: <paramref name="onChange"/> receives the whole current list of
    /// instances once the watch is set, and again after every change, within about a second of it. While
    /// the registry is unreachable the registry logs it, keeps trying, and calls nothing (consumers keep
    /// the last list); after it comes back the list is read again and pushed if it changed. Callbacks for
    /// one watch never run concurrently. Dispose the result to stop watching.
    /// </summary>
    ValueTask<IAsyncDisposable> WatchAsync(string serviceKey, Action<IReadOnlyList<ServiceInstance>> onChange, CancellationToken cancellationToken = default);
}
