namespace Bhrpc.Internal;

/// <summary>
/// Where each component's log event ids start. Every <c>[LoggerMessage]</c> uses <c>LogEventIds.X + n</c>,
/// n from 0 up in the order the component's messages were added, so an id names one message and operators
/// can filter a component by its range (README, "Logging"). A component owns 100 ids; a new component takes
/// the next free start in its block. Bhrpc.Spring and Bhrpc.Boot log nothing of their own: they hand the
/// host's logger factory to Core.
/// <list type="table">
/// <listheader><term>ids</term><description>component (logger category)</description></listheader>
/// <item><term>1000–1099</term><description><see cref="Transport"/>: a frame connection, either side (<c>Bhrpc.RpcServer</c> or <c>Bhrpc.RpcClient</c>)</description></item>
/// <item><term>2000–2099</term><description><see cref="ServerConnection"/>: reading a consumer's frames (<c>Bhrpc.RpcServer</c>)</description></item>
/// <item><term>2100–2199</term><description><see cref="ServiceDispatcher"/>: running a call on a service (<c>Bhrpc.RpcServer</c>)</description></item>
/// <item><term>2200–2299</term><description><see cref="ConnectionHandler"/>: accepting and closing consumer connections (<c>Bhrpc.RpcServer</c>)</description></item>
/// <item><term>2300–2399</term><description><see cref="RpcServer"/>: start, stop, going away, draining (<c>Bhrpc.RpcServer</c>)</description></item>
/// <item><term>3000–3099</term><description><see cref="ClientConnection"/>: reading a provider's frames (<c>Bhrpc.RpcClient</c>)</description></item>
/// <item><term>3100–3199</term><description><see cref="ConnectionPool"/>: connecting, closing, ejecting, eager connect (<c>Bhrpc.RpcClient</c>)</description></item>
/// <item><term>3200–3299</term><description><see cref="RegistryProviders"/>: the provider list a consumer watches (<c>Bhrpc.RpcClient</c>)</description></item>
/// <item><term>4000–4099</term><description><see cref="Failover"/> cluster (<c>Bhrpc.Cluster</c>)</description></item>
/// <item><term>4100–4199</term><description><see cref="Failsafe"/> cluster (<c>Bhrpc.Cluster</c>)</description></item>
/// <item><term>4200–4299</term><description><see cref="Failback"/> cluster (<c>Bhrpc.Cluster</c>)</description></item>
/// <item><term>5000–5099</term><description><see cref="PollingWatch"/>: polling a registry, the local one (<c>Bhrpc.Registry.Local.LocalRegistry</c>)</description></item>
/// <item><term>5100–5199</term><description><see cref="ZooKeeperClient"/>: sessions and connections (<c>Bhrpc.Registry.ZooKeeper.Client.ZooKeeperClient</c>)</description></item>
/// <item><term>5200–5299</term><description><see cref="ZooKeeperRegistry"/>: nodes and watches (<c>Bhrpc.Registry.ZooKeeper.ZooKeeperRegistry</c>)</description></item>
/// <item><term>5300–5399</term><description><see cref="Etcd"/> registry: leases and watches (<c>Bhrpc.Registry.Etcd.EtcdRegistry</c>)</description></item>
/// </list>
/// </summary>
internal static class LogEventIds
{
    /// <summary>Frame connections, provider and consumer side (FrameConnection).</summary>
    public const int Transport = 1000;

    /// <summary>A provider's connection from one consumer (ServerConnection).</summary>
    public const int ServerConnection = 2000;

    /// <summary>Dispatching calls to services (ServiceDispatcher).</summary>
    public const int ServiceDispatcher = 2100;

    /// <summary>Accepting consumer connections (RpcConnectionHandler).</summary>
    public const int ConnectionHandler = 2200;

    /// <summary>The provider's lifetime (RpcServer).</summary>
    public const int RpcServer = 2300;

    /// <summary>A consumer's connection to one provider (ClientConnection).</summary>
    public const int ClientConnection = 3000;

    /// <summary>A consumer's connections: opening, closing, ejection, eager connect (ClientSocket, ConnectionPool, EagerConnector).</summary>
    public const int ConnectionPool = 3100;

    /// <summary>The providers a consumer reads from a registry (RegistryProviders).</summary>
    public const int RegistryProviders = 3200;

    /// <summary>The failover cluster.</summary>
    public const int Failover = 4000;

    /// <summary>The failsafe cluster.</summary>
    public const int Failsafe = 4100;

    /// <summary>The failback cluster.</summary>
    public const int Failback = 4200;

    /// <summary>Registry watches that poll (PollingWatch; the local registry).</summary>
    public const int PollingWatch = 5000;

    /// <summary>The ZooKeeper client: servers, sessions, watchers.</summary>
    public const int ZooKeeperClient = 5100;

    /// <summary>The ZooKeeper registry: nodes, sessions, watches.</summary>
    public const int ZooKeeperRegistry = 5200;

    /// <summary>The etcd registry: leases, keys, watches.</summary>
    public const int Etcd = 5300;
}
