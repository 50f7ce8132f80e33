using Bhrpc.Registry.ZooKeeper.Client;

namespace Bhrpc.Tests.Registry.ZooKeeper;

public class ZooKeeperWatchTableTests
{
    [Test]
    public void Take_ChildrenChanged_FiresChildWatchOnceOnly()
    {
        var table = new ZooKeeperWatchTable();
        var watcher = new Watcher();
        table.OnReply(ZooKeeperOpCode.GetChildren, ZooKeeperErrorCode.Ok, "/a", watcher);
        table.OnReply(ZooKeeperOpCode.GetChildren, ZooKeeperErrorCode.Ok, "/a", watcher);

        var first = table.Take(new ZooKeeperWatchedEvent(ZooKeeperEventType.NodeChildrenChanged, 3, "/a"));
        var second = table.Take(new ZooKeeperWatchedEvent(ZooKeeperEventType.NodeChildrenChanged, 3, "/a"));

        Assert.That(first, Is.EqualTo(new[] { watcher }), "one watcher, however often it read");
        Assert.That(second, Is.Empty, "watches are one-shot");
    }

    [Test]
    public void Take_NodeCreated_FiresExistWatchSetOnMissingNode()
    {
        var table = new ZooKeeperWatchTable();
        var watcher = new Watcher();
        table.OnReply(ZooKeeperOpCode.Exists, ZooKeeperErrorCode.NoNode, "/a", watcher);

        Assert.That(table.Snapshot().Exist, Is.EqualTo(new[] { "/a" }));
        Assert.That(table.Take(new ZooKeeperWatchedEvent(ZooKeeperEventType.NodeCreated, 3, "/a")), Is.EqualTo(new[] { watcher }));
    }

    [Test]
    public void OnReply_FailedRead_SetsNoWatch()
    {
        var table = new ZooKeeperWatchTable();
        table.OnReply(ZooKeeperOpCode.GetChildren, ZooKeeperErrorCode.NoNode, "/a", new Watcher());
        table.OnReply(ZooKeeperOpCode.GetData, ZooKeeperErrorCode.NoNode, "/b", new Watcher());

        var (data, exist, child) = table.Snapshot();

        Assert.That(data.Count + exist.Count + child.Count, Is.Zero);
    }

    [Test]
    public void Take_NodeDeleted_FiresDataAndChildWatches()
    {
        var table = new ZooKeeperWatchTable();
        var data = new Watcher();
        var child = new Watcher();
        table.OnReply(ZooKeeperOpCode.GetData, ZooKeeperErrorCode.Ok, "/a", data);
        table.OnReply(ZooKeeperOpCode.GetChildren, ZooKeeperErrorCode.Ok, "/a", child);

        var fired = table.Take(new ZooKeeperWatchedEvent(ZooKeeperEventType.NodeDeleted, 3, "/a"));

        Assert.That(fired, Is.EquivalentTo(new[] { data, child }));
    }

    private sealed class Watcher : IZooKeeperWatcher
    {
        public void Process(ZooKeeperWatchedEvent watchedEvent)
        {
        }
    }
}
