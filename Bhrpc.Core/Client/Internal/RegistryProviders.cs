using Bhrpc.Registry;

namespace Bhrpc.Client.Internal;

/// <summary>Providers discovered in a registry under one service key.</summary>
internal sealed class RegistryProviders(IRegistry registry, string serviceKey) : IProviderSource
{
    public string Description => registry.Description;

    public ValueTask<IReadOnlyList<ServiceInstance>> GetAsync(CancellationToken cancellationToken)
        => registry.DiscoverAsync(serviceKey, cancellationToken);
}
