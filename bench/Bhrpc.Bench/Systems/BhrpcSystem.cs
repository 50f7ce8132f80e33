using Bhrpc.Extensions;
using Bhrpc.Invocation;
using Bhrpc.Bench.Scenarios;
using Bhrpc.Bench.Server;
using Bhrpc.Bench.Service;

namespace Bhrpc.Bench.Systems;

/// <summary>
/// bhrpc.NET with one serializer: one <see cref="RpcClient"/> per connection the scenario asks
/// for (a client keeps one connection per provider address), each with a proxy of
/// <see cref="IBenchService"/> aimed straight at the provider, configured as <paramref name="variant"/> says.
/// </summary>
internal sealed class BhrpcSystem(string name, string serializer, BhrpcVariant variant) : IBenchSystem
{
    private const string PassOne = "pass-one";
    private const string PassTwo = "pass-two";

    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(30);

    public string Name => name;

    public bool Runs(Scenario scenario) => true;

    public async Task<IBenchClient> ConnectAsync(IReadOnlyDictionary<string, int> ports, Scenario scenario, CancellationToken cancellationToken)
    {
        var address = $"127.0.0.1:{ports[BhrpcHost.Endpoint]}";
        var clients = new List<RpcClient>();
        var proxies = new List<IBenchService>();
        var syncProxies = new List<IBenchSyncService>();
        try
        {
            for (var i = 0; i < scenario.Connections; i++)
            {
                var client = new RpcClient(ClientOptionsFor(variant));
                clients.Add(client);
                proxies.Add(client.CreateProxy<IBenchService>(r =>
                {
                    r.DirectAddress = address;
                    r.Serializer = serializer;
                    r.Timeout = s_callTimeout;
                    Configure(r, variant);
                }));
                syncProxies.Add(client.CreateProxy<IBenchSyncService>(r =>
                {
                    r.DirectAddress = address;
                    r.Serializer = serializer;
                    r.Timeout = s_callTimeout;
                    Configure(r, variant);
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

            return new BhrpcClient(scenario, clients, proxies, syncProxies);
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

    private static ClientOptions ClientOptionsFor(BhrpcVariant variant) => variant == BhrpcVariant.TwoFilters
        ? new ClientOptions
        {
            Extensions = new ExtensionLoader(new ExtensionLoaderOptions())
                .Register<IRpcFilter>(PassOne, () => new PassThroughFilter())
                .Register<IRpcFilter>(PassTwo, () => new PassThroughFilter()),
        }
        : new ClientOptions();

    private static void Configure(ReferenceOptions reference, BhrpcVariant variant)
    {
        switch (variant)
        {
            case BhrpcVariant.Failfast:
                reference.Cluster = "failfast";
                break;
            case BhrpcVariant.TwoFilters:
                reference.Cluster = "failover";
                reference.Filters.Add(PassOne);
                reference.Filters.Add(PassTwo);
                break;
        }
    }
}
