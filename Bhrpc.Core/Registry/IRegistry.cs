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
}
