using Bhrpc.Extensions;

namespace Bhrpc.Registry.Etcd;

/// <summary>
/// <c>etcd</c>: instances are etcd keys <c>{root}/{serviceKey}/{instanceId}</c> holding the same
/// Curator node JSON as the ZooKeeper registry, bound to a lease of
/// <see cref="RegistryOptions.SessionTimeout"/> that the provider keeps alive, so a provider that
/// dies vanishes after at most that long; consumers watch the prefix and see changes at once.
/// <see cref="RegistryOptions.Address"/> lists etcd's client URLs as <c>host:port[,host:port]</c>
/// (etcd 3.4 or later, spoken to through its HTTP/JSON gateway <c>/v3/…</c>); the next address
/// is used when one fails.
/// </summary>
[SpiClass("etcd")]
public sealed class EtcdRegistryFactory : IRegistryFactory
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Uses the system clock.</summary>
    public EtcdRegistryFactory()
        : this(TimeProvider.System)
    {
    }

    internal EtcdRegistryFactory(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    /// <exception cref="RpcException">A setting is out of range (the address is checked, not contacted: the first call connects).</exception>
    public IRegistry Create(RegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new EtcdRegistry(options.Clone(), _timeProvider);
    }
}
