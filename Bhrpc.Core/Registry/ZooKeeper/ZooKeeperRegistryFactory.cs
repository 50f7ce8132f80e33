using Bhrpc.Extensions;

namespace Bhrpc.Registry.ZooKeeper;

/// <summary>
/// <c>zookeeper</c>: providers register as ephemeral nodes in Curator's service-discovery layout,
/// <c>{root}/{serviceKey}/{instanceId}</c> holding the Curator instance JSON, so Java bhrpc and bhrpc.NET
/// see each other; consumers watch the service node's children. <see cref="RegistryOptions.Address"/> is
/// <c>host:port[,host:port]</c>, <see cref="RegistryOptions.Root"/> the root path (default
/// <c>/binghe_rpc</c>); a provider that dies is gone after <see cref="RegistryOptions.SessionTimeout"/>.
/// The registry connects in the background: its first operation fails with an error naming the address
/// when no server answered within <see cref="RegistryOptions.ConnectTimeout"/>.
/// </summary>
[SpiClass("zookeeper")]
public sealed class ZooKeeperRegistryFactory : IRegistryFactory
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Uses the system clock.</summary>
    public ZooKeeperRegistryFactory()
        : this(TimeProvider.System)
    {
    }

    internal ZooKeeperRegistryFactory(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    /// <exception cref="RpcException">A setting is out of range, or the address is not <c>host:port[,host:port]</c>.</exception>
    public IRegistry Create(RegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ZooKeeperRegistry(options.Clone(), _timeProvider);
    }
}
