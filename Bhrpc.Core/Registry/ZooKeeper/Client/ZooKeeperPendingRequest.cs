namespace Bhrpc.Registry.ZooKeeper.Client;

/// <summary>A request sent and not answered yet; the reply is matched to it by xid.</summary>
internal sealed class ZooKeeperPendingRequest(ZooKeeperOpCode op, string? path, IZooKeeperWatcher? watcher)
{
    public ZooKeeperOpCode Op { get; } = op;

    public string? Path { get; } = path;

    /// <summary>The watcher to register when the reply says the watch was set.</summary>
    public IZooKeeperWatcher? Watcher { get; } = watcher;

    public TaskCompletionSource<ZooKeeperReply> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
