using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Server;

namespace Bhrpc.Bench.Systems;

/// <summary>The machine's limit: bhrpc framing over pipelined sockets with no RPC layer, against <see cref="RawEchoHost"/>.</summary>
internal sealed class RawSystem : IBenchSystem
{
    public string Name => SystemCatalog.Raw;

    public async Task<IBenchClient> ConnectAsync(IReadOnlyDictionary<string, int> ports, Scenario scenario, CancellationToken cancellationToken)
    {
        var body = RawBodies.For(scenario);
        var connections = new List<RawConnection>();
        try
        {
            for (var i = 0; i < scenario.Connections; i++)
            {
                connections.Add(await RawConnection.ConnectAsync(ports[RawEchoHost.Endpoint], cancellationToken).ConfigureAwait(false));
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
