using System.Net;
using System.Net.Sockets;
using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Server;
using Bhrpc.Bench.Service;
using StreamJsonRpc;

namespace Bhrpc.Bench.Systems;

/// <summary>
/// StreamJsonRpc against <see cref="StreamJsonRpcHost"/>: one TCP connection per connection the scenario asks for,
/// each a <see cref="JsonRpc"/> with the MessagePack formatter (<see cref="StreamJsonRpcWire"/>) and a proxy of
/// <see cref="IBenchService"/> made by <see cref="JsonRpc.Attach{T}()"/>.
/// </summary>
internal sealed class StreamJsonRpcSystem : IBenchSystem
{
    public string Name => SystemCatalog.StreamJsonRpc;

    public async Task<IBenchClient> ConnectAsync(IReadOnlyDictionary<string, int> ports, Scenario scenario, CancellationToken cancellationToken)
    {
        var port = ports[StreamJsonRpcHost.Endpoint];
        var connections = new List<JsonRpc>();
        var proxies = new List<IBenchService>();
        try
        {
            for (var i = 0; i < scenario.Connections; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }

                var rpc = StreamJsonRpcWire.Create(new NetworkStream(socket, ownsSocket: true));
                connections.Add(rpc);
                proxies.Add(rpc.Attach<IBenchService>());
                rpc.StartListening();
            }

            var client = new StreamJsonRpcClient(scenario, connections, proxies);
            await client.CheckAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            foreach (var rpc in connections)
            {
                rpc.Dispose();
            }

            throw;
        }
    }
}
