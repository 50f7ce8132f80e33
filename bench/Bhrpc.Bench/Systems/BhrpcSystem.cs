using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Server;
using Bhrpc.Bench.Service;

namespace Bhrpc.Bench.Systems;

/// <summary>
/// bhrpc.NET with one serializer: one <see cref="RpcClient"/> per connection the scenario asks
/// for (a client keeps one connection per provider address), each with a proxy of
/// <see cref="IBenchService"/> aimed straight at the provider.
/// </summary>
internal sealed class BhrpcSystem(string name, string serializer) : IBenchSystem
{
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(30);

    public string Name => name;

    public async Task<IBenchClient> ConnectAsync(IReadOnlyDictionary<string, int> ports, Scenario scenario, CancellationToken cancellationToken)
    {
        var address = $"127.0.0.1:{ports[BhrpcHost.Endpoint]}";
        var clients = new List<RpcClient>();
        var proxies = new List<IBenchService>();
        try
        {
            for (var i = 0; i < scenario.Connections; i++)
            {
                var client = new RpcClient(new ClientOptions());
                clients.Add(client);
                proxies.Add(client.CreateProxy<IBenchService>(r =>
                {
                    r.DirectAddress = address;
                    r.Serializer = serializer;
                    r.Timeout = s_callTimeout;
                }));
            }

            foreach (var proxy in proxies)
            {
                // Opens the client's connection and proves the round trip before any load.
                var echoed = await proxy.EchoAsync(Payloads.Text).WaitAsync(cancellationToken).ConfigureAwait(false);
                if (echoed != Payloads.Text)
                {
                    throw new InvalidDataException($"{name} check: sent '{Payloads.Text}', got '{echoed}'.");
                }
            }

            return new BhrpcClient(scenario, clients, proxies);
        }
        catch
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }
}
