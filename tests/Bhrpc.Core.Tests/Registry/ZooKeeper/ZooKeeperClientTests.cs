using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Bhrpc.Registry.ZooKeeper.Client;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Registry.ZooKeeper;

/// <summary>The client against a real ZooKeeper.</summary>
public class ZooKeeperClientTests : ZooKeeperTestBase
{
    [Test]
    public async Task CreateGetChildrenDelete_RoundTrip_ServerStoresWhatWasSent()
    {
        var client = await ConnectClientAsync();
        var child = Root + "/child";

        Assert.That(await client.CreateAsync(Root, Array.Empty<byte>(), ZooKeeperCreateMode.Persistent).WithTimeout(), Is.EqualTo(Root));
        await client.CreateAsync(child, "héllo"u8.ToArray(), ZooKeeperCreateMode.Persistent).WithTimeout();
        var node = await client.GetDataAsync(child).WithTimeout();
        var children = await client.GetChildrenAsync(Root).WithTimeout();
        var rootStat = await client.ExistsAsync(Root).WithTimeout();

        Assert.That(Encoding.UTF8.GetString(node.Data), Is.EqualTo("héllo"));
        Assert.That(node.Stat.DataLength, Is.EqualTo(6));
        Assert.That(node.Stat.EphemeralOwner, Is.Zero, "persistent");
        Assert.That(children, Is.EqualTo(new[] { "child" }));
        Assert.That(rootStat?.NumChildren, Is.EqualTo(1));

        await client.DeleteAsync(child).WithTimeout();
        Assert.That(await client.ExistsAsync(child).WithTimeout(), Is.Null);
    }

    [Test]
    public async Task Requests_ServerErrors_ThrowWithTheirCodes()
    {
        var client = await ConnectClientAsync();
        await client.CreateAsync(Root, Array.Empty<byte>(), ZooKeeperCreateMode.Persistent).WithTimeout();
        await client.CreateAsync(Root + "/a", Array.Empty<byte>(), ZooKeeperCreateMode.Persistent).WithTimeout();

        var exists = Assert.ThrowsAsync<ZooKeeperException>(() => client.CreateAsync(Root, Array.Empty<byte>(), ZooKeeperCreateMode.Persistent).WithTimeout());
        var noNode = Assert.ThrowsAsync<ZooKeeperException>(() => client.GetDataAsync(Root + "/missing").WithTimeout());
        var noParent = Assert.ThrowsAsync<ZooKeeperException>(() => client.CreateAsync(Root + "/x/y", Array.Empty<byte>(), ZooKeeperCreateMode.Persistent).WithTimeout());
        var notEmpty = Assert.ThrowsAsync<ZooKeeperException>(() => client.DeleteAsync(Root).WithTimeout());

        Assert.That(exists!.Code, Is.EqualTo(ZooKeeperErrorCode.NodeExists));
        Assert.That(noNode!.Code, Is.EqualTo(ZooKeeperErrorCode.NoNode));
        Assert.That(noNode.Message, Does.Contain(Root + "/missing"));
        Assert.That(noParent!.Code, Is.EqualTo(ZooKeeperErrorCode.NoNode));
        Assert.That(notEmpty!.Code, Is.EqualTo(ZooKeeperErrorCode.NotEmpty));
    }

    [Test]
    public async Task CreateAsync_Ephemeral_OwnedBySessionAndGoneWhenClientDisposed()
    {
        var owner = await ConnectAsync(Address).WithTimeout();
        var observer = await ConnectClientAsync();
        await observer.CreateAsync(Root, Array.Empty<byte>(), ZooKeeperCreateMode.Persistent).WithTimeout();
        await owner.CreateAsync(Root + "/e", "x"u8.ToArray(), ZooKeeperCreateMode.Ephemeral).WithTimeout();

        var stat = await observer.ExistsAsync(Root + "/e").WithTimeout();
        await owner.DisposeAsync().AsTask().WithTimeout();

        Assert.That(stat?.EphemeralOwner, Is.EqualTo(owner.SessionId).And.Not.Zero);
        Assert.That(await observer.ExistsAsync(Root + "/e").WithTimeout(), Is.Null, "closing the session removed it at once");
    }

    [Test]
    public async Task Requests_ManyOutstanding_EachGetsItsOwnReply()
    {
        var client = await ConnectClientAsync();
        await client.CreateAsync(Root, Array.Empty<byte>(), ZooKeeperCreateMode.Persistent).WithTimeout();
        var names = Enumerable.Range(0, 200).Select(i => $"n{i:D3}").ToArray();

        await Task.WhenAll(names.Select(n => client.CreateAsync($"{Root}/{n}", Encoding.UTF8.GetBytes(n), ZooKeeperCreateMode.Persistent))).WithTimeout();
        var reads = await Task.WhenAll(names.Select(n => client.GetDataAsync($"{Root}/{n}"))).WithTimeout();

        Assert.That(reads.Select(r => Encoding.UTF8.GetString(r.Data)), Is.EqualTo(names));
    }

    [Test]
    public async Task GetChildrenAsync_WithWatcher_NotifiedOnceWhenAChildAppears()
    {
        var watcherClient = await ConnectClientAsync();
        var writer = await ConnectClientAsync();
        await writer.CreateAsync(Root, Array.Empty<byte>(), ZooKeeperCreateMode.Persistent).WithTimeout();
        var watcher = new RecordingWatcher();

        await watcherClient.GetChildrenAsync(Root, watcher).WithTimeout();
        await writer.CreateAsync(Root + "/a", Array.Empty<byte>(), ZooKeeperCreateMode.Persistent).WithTimeout();
        var fired = await watcher.NextAsync().WithTimeout();
        await writer.CreateAsync(Root + "/b", Array.Empty<byte>(), ZooKeeperCreateMode.Persistent).WithTimeout();

        Assert.That(fired, Is.EqualTo(new ZooKeeperWatchedEvent(ZooKeeperEventType.NodeChildrenChanged, 3, Root)));

        // One-shot: the second child fires nothing until the watch is set again. A sync round trip on
        // the watching connection lets any notification sent before it arrive first.
        await watcherClient.ExistsAsync(Root).WithTimeout();
        Assert.That(watcher.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task ExistsAsync_WatcherOnMissingNode_NotifiedWhenCreated()
    {
        var watcherClient = await ConnectClientAsync();
        var writer = await ConnectClientAsync();
        var watcher = new RecordingWatcher();

        Assert.That(await watcherClient.ExistsAsync(Root, watcher).WithTimeout(), Is.Null);
        await writer.CreateAsync(Root, Array.Empty<byte>(), ZooKeeperCreateMode.Persistent).WithTimeout();

        Assert.That(await watcher.NextAsync().WithTimeout(), Is.EqualTo(new ZooKeeperWatchedEvent(ZooKeeperEventType.NodeCreated, 3, Root)));
    }

    [Test]
    public async Task ConnectAsync_NoServerListening_FailsWithinConnectTimeoutNamingTheAddress()
    {
        var dead = $"127.0.0.1:{DeadPort()}";
        var started = Stopwatch.GetTimestamp();

        var error = Assert.ThrowsAsync<ZooKeeperException>(() => ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            Servers = Bhrpc.Internal.HostPort.ParseList(dead, "test"),
            ConnectString = dead,
            ConnectTimeout = TimeSpan.FromSeconds(1),
        }).WithTimeout());

        Assert.That(error!.Code, Is.EqualTo(ZooKeeperErrorCode.ConnectionLoss));
        Assert.That(error.Message, Does.Contain(dead));
        Assert.That(Stopwatch.GetElapsedTime(started), Is.LessThan(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task ConnectAsync_FirstServerDead_ConnectsToTheSecond()
    {
        var client = await ConnectClientAsync($"127.0.0.1:{DeadPort()},{Address}");

        Assert.That(client.IsConnected, Is.True);
        Assert.That(await client.ExistsAsync("/").WithTimeout(), Is.Not.Null);
    }

    [Test]
    public async Task Session_TakenOverAndClosedElsewhere_ClientStartsNewSessionAndReportsIt()
    {
        var client = await ConnectClientAsync();
        var changes = Channel.CreateUnbounded<ZooKeeperConnectionChange>();
        client.ConnectionChanged += change => changes.Writer.TryWrite(change);
        var watcher = new RecordingWatcher();
        await client.ExistsAsync(Root, watcher).WithTimeout();
        var oldSession = client.SessionId;

        await ExpireSessionAsync(Address, client);
        var seen = new List<ZooKeeperConnectionChange>();
        while (seen.Count == 0 || seen[^1].State != ZooKeeperConnectionState.Connected)
        {
            var change = await changes.Reader.ReadAsync().AsTask().WithTimeout();

            // The report of the first connection may still be on its way when the test subscribes.
            if (change.SessionId != oldSession || change.State != ZooKeeperConnectionState.Connected)
            {
                seen.Add(change);
            }
        }

        Assert.That(seen.Select(c => c.State), Is.EqualTo(new[]
        {
            ZooKeeperConnectionState.Disconnected, ZooKeeperConnectionState.SessionExpired, ZooKeeperConnectionState.Connected,
        }));
        Assert.That(seen[^1].IsNewSession, Is.True);
        Assert.That(client.SessionId, Is.Not.EqualTo(oldSession).And.Not.Zero);
        Assert.That(await client.ExistsAsync("/").WithTimeout(), Is.Not.Null, "the new session serves requests");
    }

    /// <summary>
    /// Expires <paramref name="victim"/>'s session the way a server does: a second connection resumes the
    /// session (the server drops the first connection) and closes it.
    /// </summary>
    internal static async Task ExpireSessionAsync(string address, ZooKeeperClient victim)
    {
        var thief = await ConnectAsync(address, victim.NegotiatedSessionTimeout, victim.SessionId, victim.SessionPassword).WithTimeout();
        Assert.That(thief.SessionId, Is.EqualTo(victim.SessionId), "resumed the same session");
        await thief.DisposeAsync().AsTask().WithTimeout();
    }

    internal static int DeadPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class RecordingWatcher : IZooKeeperWatcher
    {
        private readonly Channel<ZooKeeperWatchedEvent> _events = Channel.CreateUnbounded<ZooKeeperWatchedEvent>();
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Process(ZooKeeperWatchedEvent watchedEvent)
        {
            Interlocked.Increment(ref _count);
            _events.Writer.TryWrite(watchedEvent);
        }

        public Task<ZooKeeperWatchedEvent> NextAsync() => _events.Reader.ReadAsync().AsTask();
    }
}
