using Bhrpc.Internal;
using Bhrpc.Registry;

namespace Bhrpc.Client.Internal;

/// <summary>Direct connection: the providers named by <see cref="ReferenceOptions.DirectAddress"/>; no registry.</summary>
internal sealed class DirectProviders : IProviderSource
{
    private readonly IReadOnlyList<ServiceInstance> _instances;

    public DirectProviders(ReferenceOptions options)
    {
        var addresses = HostPort.ParseList(options.DirectAddress!, "ReferenceOptions.DirectAddress");
        _instances = [.. addresses.Select(a => new ServiceInstance(options.EffectiveServiceName, options.Version, options.Group, a.Host, a.Port, 1, $"direct-{a.Host}:{a.Port}", DateTimeOffset.UnixEpoch))];
        Description = "direct://" + string.Join(",", _instances.Select(i => i.Address));
    }

    public string Description { get; }

    public ValueTask<IReadOnlyList<ServiceInstance>> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_instances);

    /// <summary>The list never changes: <paramref name="onChange"/> is called once, now.</summary>
    public IDisposable Subscribe(Action<IReadOnlyList<ServiceInstance>> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        onChange(_instances);
        return NoSubscription.Instance;
    }

    private sealed class NoSubscription : IDisposable
    {
        public static readonly NoSubscription Instance = new();

        public void Dispose()
        {
        }
    }
}
