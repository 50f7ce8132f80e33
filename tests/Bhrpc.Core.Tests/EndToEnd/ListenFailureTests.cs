using System.Net;
using System.Net.Sockets;
using Bhrpc.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>A server that cannot bind fails start with one line that names the address and what to do, and leaves nothing behind.</summary>
public sealed class ListenFailureTests
{
    [Test]
    public async Task PortInUse_FailsStartWithOneLineNamingTheAddressAndLeavesNothingRegistered()
    {
        using var occupant = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        occupant.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        occupant.Listen();
        var port = ((IPEndPoint)occupant.LocalEndPoint!).Port;
        using var registry = new TempFolder();
        var logs = new RecordingLoggerFactory();
        var server = new RpcServerBuilder()
            .Listen("127.0.0.1", port)
            .UseRegistry("local", registry.Path)
            .Configure(o => o.LoggerFactory = logs)
            .AddService<ICalculator>(new Calculator())
            .Build();

        var error = Assert.ThrowsAsync<RpcException>(() => server.StartAsync().WithTimeout());

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
            Assert.That(error.Message, Is.EqualTo(
                $"cannot listen on 127.0.0.1:{port}: the address is already in use; stop the other process or choose another ServerOptions.Port (0 picks a free one)."));
            Assert.That(error.InnerException, Is.Null, "the message says it all; no inner stack to print");
            Assert.That(server.Registrations, Is.Empty);
            Assert.That(Directory.GetFiles(registry.Path, "*.json", SearchOption.AllDirectories), Is.Empty, "nothing was registered");
            Assert.That(logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Message), Is.Empty, "the failure is reported once, by the exception");
        });
        await server.DisposeAsync().AsTask().WithTimeout();
    }

    [Test]
    public async Task AddressNotOfThisMachine_FailsStartNamingHostAndPort()
    {
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never an address of this machine, so bind() refuses it.
        using var registry = new TempFolder();
        var server = new RpcServerBuilder()
            .Listen("192.0.2.1", 0)
            .UseRegistry("local", registry.Path)
            .AddService<ICalculator>(new Calculator())
            .Build();

        var error = Assert.ThrowsAsync<RpcException>(() => server.StartAsync().WithTimeout());

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.StartWith("cannot listen on 192.0.2.1:0: ").And.Contain("ServerOptions.Host").And.Not.Contain(Environment.NewLine));
        await server.DisposeAsync().AsTask().WithTimeout();
    }
}
