using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Server;

namespace Bhrpc.Bench.Systems;

/// <summary>
/// The machine's limit: bhrpc framing over pipelined sockets with no RPC layer, against an echo server:
/// <see cref="RawEchoHost"/> (Kestrel) for <c>raw</c>, <see cref="DotNettyEchoHost"/> for <c>dotnetty-raw</c>.
/// The client is the same for both, so only the server differs.
/// </summary>
/// <param name="name">The system's name.</param>
/// <param name="endpoint">The server child's endpoint name to connect to.</param>
internal sealed class RawSystem(string name, string endpoint) : IBenchSystem
{
    public string Name => name;

    public async Task<IBenchClient> ConnectAsync(IReadOnlyDictionary<string, int> ports, Scenario scenario, CancellationToken cancellationToken)
    {
        var body = RawBodies.For(scenario);
        var connections = new List<RawConnection>();
        try
        {
            for (var i = 0; i < scenario.Connections; i++)
            {
                connections.Add(await RawConnection.ConnectAsync(ports[endpoint], cancellationToken).ConfigureAwait(false));
            }

            var client = new RawClient(scenario, connections, body);
            await client.CheckAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }
}
