using System.Net;
using System.Net.Sockets;
using Bhrpc.Internal;
using Bhrpc.Tests.EndToEnd;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Connections;

/// <summary><see cref="ClientOptions.EjectAfterFailures"/> timeouts in a row on an open connection eject the address.</summary>
public sealed class TransportFailureEjectionTests
{
    // ConnectionPool's "Ejected after failures" log entry.
    private const int EjectedAfterFailuresLogged = LogEventIds.ConnectionPool + 6;

    [Test]
    public async Task Call_TimesOutEjectAfterFailuresTimes_EjectsTheAddressOnce()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var address = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
            var logs = new SignallingLoggerFactory();
            await using var client = new RpcClient(new ClientOptions { LoggerFactory = logs, EjectAfterFailures = 2 });
            var proxy = client.CreateProxy<ICalculator>(r =>
            {
                r.DirectAddress = address;
                r.Timeout = TimeSpan.FromMilliseconds(100);
            });
            var stats = client.ProviderStats.For(address);
            var first = proxy.AddAsync(1, 1);

            // A provider that reads every request and answers none.
            await using var peer = await RawPeer.AcceptAsync(listener);
            Assert.That(Assert.ThrowsAsync<RpcException>(() => first.WithTimeout())!.StatusCode, Is.EqualTo(RpcStatusCode.Timeout));
            Assert.That(stats.IsEjected, Is.False, "one timeout is below EjectAfterFailures");
            Assert.That(Assert.ThrowsAsync<RpcException>(() => proxy.AddAsync(1, 1).WithTimeout())!.StatusCode, Is.EqualTo(RpcStatusCode.Timeout));

            Assert.That(stats.IsEjected, Is.True);
            Assert.That(logs.Messages(EjectedAfterFailuresLogged), Has.Count.EqualTo(1).And.Some.Contain(address).And.Some.Contain("2 timeouts or lost connections"));
        }
        finally
        {
            listener.Stop();
        }
    }
}
