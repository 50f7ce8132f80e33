namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>
/// The client's view of the watches the server holds for it, in ZooKeeper's three kinds: data watches
/// (set by getData, and by exists on a node that exists), exist watches (exists on a missing node) and
/// child watches (getChildren). A notification removes the watches it fires; after a reconnect the
/// remaining ones are sent to the server again.
/// </summary>
internal sealed class ZooKeeperWatchTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<IZooKeeperWatcher>> _data = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<IZooKeeperWatcher>> _exist = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<IZooKeeperWatcher>> _child = new(StringComparer.Ordinal);

    /// <summary>Records the watch a reply confirms; a reply that sets no watch records nothing.</summary>
    public void OnReply(ZooKeeperOpCode op, ZooKeeperErrorCode error, string path, IZooKeeperWatcher watcher)
    {
        var table = (op, error) switch
        {
            (ZooKeeperOpCode.GetData or ZooKeeperOpCode.Exists, ZooKeeperErrorCode.Ok) => _data,
            (ZooKeeperOpCode.Exists, ZooKeeperErrorCode.NoNode) => _exist,
            (ZooKeeperOpCode.GetChildren or ZooKeeperOpCode.GetChildren2, ZooKeeperErrorCode.Ok) => _child,
            _ => null,
        };
        if (table is null)
        {
            return;
        }

        lock (_gate)
        {
            if (!table.TryGetValue(path, out var watchers))
            {
                table[path] = watchers = [];
            }

            watchers.Add(watcher);
        }
    }

    /// <summary>Removes and returns the watchers a notification fires.</summary>
    public IReadOnlyCollection<IZooKeeperWatcher> Take(ZooKeeperWatchedEvent watchedEvent)
    {
        var fired = new HashSet<IZooKeeperWatcher>(ReferenceEqualityComparer.Instance);
        var path = watchedEvent.Path;
        lock (_gate)
        {
            switch (watchedEvent.Type)
            {
                case ZooKeeperEventType.NodeCreated:
                case ZooKeeperEventType.NodeDataChanged:
                    Move(_data, path, fired);
                    Move(_exist, path, fired);
                    break;
                case ZooKeeperEventType.NodeDeleted:
                    Move(_data, path, fired);
                    Move(_exist, path, fired);
                    Move(_child, path, fired);
                    break;
                case ZooKeeperEventType.NodeChildrenChanged:
                    Move(_child, path, fired);
                    break;
                default:
                    break;
            }
        }

        return fired;
    }

    /// <summary>The watched paths of each kind, for the set-watches request after a reconnect.</summary>
    public (List<string> Data, List<string> Exist, List<string> Child) Snapshot()
    {
        lock (_gate)
        {
            return ([.. _data.Keys], [.. _exist.Keys], [.. _child.Keys]);
        }
    }

    /// <summary>Forgets every watch: a new session holds none.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _data.Clear();
            _exist.Clear();
            _child.Clear();
        }
    }

    private static void Move(Dictionary<string, HashSet<IZooKeeperWatcher>> table, string path, HashSet<IZooKeeperWatcher> fired)
    {
        if (table.Remove(path, out var watchers))
        {
            fired.UnionWith(watchers);
        }
    }
}
