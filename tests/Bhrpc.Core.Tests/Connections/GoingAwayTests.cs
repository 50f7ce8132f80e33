using System.Net;
using System.Net.Sockets;
using Bhrpc.Internal;
using Bhrpc.Tests.EndToEnd;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Connections;

/// <summary>A provider that sends the going-away frame (type 7) is skipped from then on, and its connection closes once drained.</summary>
public sealed class GoingAwayTests
{
    [Test]
    public async Task GoingAwayFrame_WithCallPending_MarksProviderAndClosesOnceTheCallIsAnswered()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var address = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
            await using var client = new RpcClient();
            var proxy = client.CreateProxy<ICalculator>(r => r.DirectAddress = address);

            var call = proxy.AddAsync(1, 2);
            await using var peer = await RawPeer.AcceptAsync(listener);
            var request = (await peer.ReadRequestAsync())!.Value;
            await peer.SendAsync(RawPeer.GoingAway());
            await peer.SendAsync(RawPeer.Response(request.RequestId, "3"));

            // Frames are read in order: once the call is answered, the going-away frame has been seen.
            Assert.That(await call.WithTimeout(), Is.EqualTo(3));
            Assert.That(client.ProviderStats.For(address).IsGoingAway, Is.True);
            Assert.That(client.ProviderStats.For(address).IsAvailable, Is.False);
            Assert.That(await peer.ClosedByConsumerAsync(), Is.True, "the drained connection should close");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Test]
    public async Task GoingAwayFrame_Idle_ClosesTheConnectionAtOnce()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var address = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
            await using var client = new RpcClient();
            var proxy = client.CreateProxy<ICalculator>(r => r.DirectAddress = address);
            var call = proxy.AddAsync(1, 2);
            await using var peer = await RawPeer.AcceptAsync(listener);
            await peer.SendAsync(RawPeer.Response((await peer.ReadRequestAsync())!.Value.RequestId, "3"));
            Assert.That(await call.WithTimeout(), Is.EqualTo(3));

            await peer.SendAsync(RawPeer.GoingAway());

            Assert.That(await peer.ClosedByConsumerAsync(), Is.True, "an idle going-away connection should close");
            Assert.That(client.ProviderStats.For(address).IsGoingAway, Is.True);
            Assert.That(client.OpenConnections, Is.Empty);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Test]
    public async Task GoingAwayFrame_NextCall_GoesOnANewConnectionThatClearsTheFlag()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var address = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
            await using var client = new RpcClient();
            var proxy = client.CreateProxy<ICalculator>(r => r.DirectAddress = address);
            var first = proxy.AddAsync(1, 2);
            await using var old = await RawPeer.AcceptAsync(listener);
            var request = (await old.ReadRequestAsync())!.Value;
            await old.SendAsync(RawPeer.GoingAway());
            await old.SendAsync(RawPeer.Response(request.RequestId, "3"));
            Assert.That(await first.WithTimeout(), Is.EqualTo(3));

            // The only provider is still asked for (a restarted provider on the same address): a new connection carries the call.
            var second = proxy.AddAsync(2, 2);
            await using var renewed = await RawPeer.AcceptAsync(listener);
            await renewed.SendAsync(RawPeer.Response((await renewed.ReadRequestAsync())!.Value.RequestId, "4"));

            Assert.That(await second.WithTimeout(), Is.EqualTo(4));
            Assert.That(client.ProviderStats.For(address).IsGoingAway, Is.False, "a connection that opened again should clear the flag");
            Assert.That(await old.ClosedByConsumerAsync(), Is.True);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Test]
    public async Task GoingAwayFrame_CallStillPending_NewCallOpensAnotherConnectionAndTheOldOneFinishes()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var address = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
            var logs = new SignallingLoggerFactory();
            await using var client = new RpcClient(new ClientOptions { LoggerFactory = logs });
            var proxy = client.CreateProxy<ICalculator>(r => r.DirectAddress = address);
            var first = proxy.AddAsync(1, 2);
            await using var old = await RawPeer.AcceptAsync(listener);
            var request = (await old.ReadRequestAsync())!.Value;
            await old.SendAsync(RawPeer.GoingAway());
            await logs.WaitForAsync(GoingAwayLogged).WithTimeout();

            var second = proxy.AddAsync(2, 2);
            await using var renewed = await RawPeer.AcceptAsync(listener);
            await renewed.SendAsync(RawPeer.Response((await renewed.ReadRequestAsync())!.Value.RequestId, "4"));
            Assert.That(await second.WithTimeout(), Is.EqualTo(4));
            Assert.That(first.IsCompleted, Is.False, "the call on the going-away connection is still waiting for its answer");

            await old.SendAsync(RawPeer.Response(request.RequestId, "3"));

            Assert.That(await first.WithTimeout(), Is.EqualTo(3));
            Assert.That(await old.ClosedByConsumerAsync(), Is.True);
        }
        finally
        {
            listener.Stop();
        }
    }

    // ClientConnection's "is going away" log entry.
    private const int GoingAwayLogged = LogEventIds.ClientConnection + 2;
}
