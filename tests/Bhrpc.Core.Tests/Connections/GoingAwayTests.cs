using System.Net;
using System.Net.Sockets;
using Bhrpc.Internal;
using Bhrpc.Tests.EndToEnd;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Connections;

/// <summary>A provider that sends the going-away frame (type 7) is skipped from then on, and its connection closes once drained.</summary>
public sealed class GoingAwayTests
{
    // ClientConnection's "is going away" log entry.
    private const int GoingAwayLogged = LogEventIds.ClientConnection + 2;

    // The test plays the provider on this listener, by hand.
    private TcpListener _listener = null!;
    private string _address = null!;

    [SetUp]
    public void SetUp()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _address = $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
    }

    [TearDown]
    public void TearDown() => _listener.Dispose();

    [Test]
    public async Task GoingAwayFrame_WithCallPending_MarksProviderAndClosesOnceTheCallIsAnswered()
    {
        await using var client = new RpcClient();
        var proxy = client.CreateProxy<ICalculator>(r => r.DirectAddress = _address);

        var call = proxy.AddAsync(1, 2);
        await using var peer = await RawPeer.AcceptAsync(_listener);
        await GoAwayThenAnswerAsync(peer, "3");

        // Frames are read in order: once the call is answered, the going-away frame has been seen.
        Assert.That(await call.WithTimeout(), Is.EqualTo(3));
        Assert.That(client.ProviderStats.For(_address).IsGoingAway, Is.True);
        Assert.That(client.ProviderStats.For(_address).IsAvailable, Is.False);
        Assert.That(await peer.ClosedByConsumerAsync(), Is.True, "the drained connection should close");
    }

    [Test]
    public async Task GoingAwayFrame_Idle_ClosesTheConnectionAtOnce()
    {
        await using var client = new RpcClient();
        var proxy = client.CreateProxy<ICalculator>(r => r.DirectAddress = _address);
        var call = proxy.AddAsync(1, 2);
        await using var peer = await RawPeer.AcceptAsync(_listener);
        await peer.AnswerNextRequestAsync("3");
        Assert.That(await call.WithTimeout(), Is.EqualTo(3));

        await peer.SendAsync(RawPeer.GoingAway());

        Assert.That(await peer.ClosedByConsumerAsync(), Is.True, "an idle going-away connection should close");
        Assert.That(client.ProviderStats.For(_address).IsGoingAway, Is.True);
        Assert.That(client.OpenConnections, Is.Empty);
    }

    [Test]
    public async Task GoingAwayFrame_NextCall_GoesOnANewConnectionThatClearsTheFlag()
    {
        await using var client = new RpcClient();
        var proxy = client.CreateProxy<ICalculator>(r => r.DirectAddress = _address);
        var first = proxy.AddAsync(1, 2);
        await using var old = await RawPeer.AcceptAsync(_listener);
        await GoAwayThenAnswerAsync(old, "3");
        Assert.That(await first.WithTimeout(), Is.EqualTo(3));

        // The only provider is still asked for (a restarted provider on the same address): a new connection carries the call.
        var second = proxy.AddAsync(2, 2);
        await using var renewed = await RawPeer.AcceptAsync(_listener);
        await renewed.AnswerNextRequestAsync("4");

        Assert.That(await second.WithTimeout(), Is.EqualTo(4));
        Assert.That(client.ProviderStats.For(_address).IsGoingAway, Is.False, "a connection that opened again should clear the flag");
        Assert.That(await old.ClosedByConsumerAsync(), Is.True);
    }

    [Test]
    public async Task GoingAwayFrame_CallStillPending_NewCallOpensAnotherConnectionAndTheOldOneFinishes()
    {
        var logs = new SignallingLoggerFactory();
        await using var client = new RpcClient(new ClientOptions { LoggerFactory = logs });
        var proxy = client.CreateProxy<ICalculator>(r => r.DirectAddress = _address);
        var first = proxy.AddAsync(1, 2);
        await using var old = await RawPeer.AcceptAsync(_listener);
        var request = (await old.ReadRequestAsync())!.Value;
        await old.SendAsync(RawPeer.GoingAway());
        await logs.WaitForAsync(GoingAwayLogged).WithTimeout();

        var second = proxy.AddAsync(2, 2);
        await using var renewed = await RawPeer.AcceptAsync(_listener);
        await renewed.AnswerNextRequestAsync("4");
        Assert.That(await second.WithTimeout(), Is.EqualTo(4));
        Assert.That(first.IsCompleted, Is.False, "the call on the going-away connection is still waiting for its answer");

        await old.SendAsync(RawPeer.Response(request.RequestId, "3"));

        Assert.That(await first.WithTimeout(), Is.EqualTo(3));
        Assert.That(await old.ClosedByConsumerAsync(), Is.True);
    }

    /// <summary>Reads the pending request, says going away, then answers the request: the consumer reads the frames in this order.</summary>
    private static async Task GoAwayThenAnswerAsync(RawPeer peer, string resultJson)
    {
        var request = (await peer.ReadRequestAsync())!.Value;
        await peer.SendAsync(RawPeer.GoingAway());
        await peer.SendAsync(RawPeer.Response(request.RequestId, resultJson));
    }
}
