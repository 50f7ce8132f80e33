using Autofac;
using Bhrpc.Demo.Api;
using Bhrpc.Attributes;
using Bhrpc.Spring.Autofac;
using Bhrpc.Spring.Context;

namespace Bhrpc.Demo.Consumer;

/// <summary>
/// The same service declared the Spring way: an XML provider (configs/provider.xml), an XML consumer
/// with an <c>&lt;rpc:reference&gt;</c> and an <c>[RpcReference]</c> field (configs/consumer.xml), and an
/// Autofac consumer (BhrpcModule). All meet in the demo's registry.
/// </summary>
public static class FrontEndsTour
{
    public static async Task RunAsync(string registryUrl, string serializer, Action<string, bool, string> report)
    {
        // The XML files read the registry from ${BHRPC_REGISTRY:local://} and the serializer from ${BHRPC_SERIALIZER:json}.
        Environment.SetEnvironmentVariable("BHRPC_REGISTRY", registryUrl);
        Environment.SetEnvironmentVariable("BHRPC_SERIALIZER", serializer);
        var configs = Path.Combine(AppContext.BaseDirectory, "configs");

        await using var provider = await XmlApplicationContext.CreateAsync(new XmlApplicationContextOptions(), [Path.Combine(configs, "provider.xml")]);
        report("XML provider (configs/provider.xml)", true, "exported IDemoService in group 'xml'");

        await using var consumer = await XmlApplicationContext.CreateAsync(new XmlApplicationContextOptions(), [Path.Combine(configs, "consumer.xml")]);
        var answer = await RetryWhileNoProviderAsync(() => consumer.GetObject<IDemoService>("demoService").Hello("xml"));
        report("<rpc:reference> from configs/consumer.xml", answer.Contains("xml-provider", StringComparison.Ordinal), answer);

        var desk = consumer.GetObject<FrontDesk>("frontDesk");
        answer = desk.Greet("attributes");
        report("[RpcReference] field injected by the XML context", answer.Contains("xml-provider", StringComparison.Ordinal), answer);

        var builder = new ContainerBuilder();
        builder.RegisterModule(new BhrpcModule { Registry = registryUrl, Consumer = new ConsumerDefaults { Group = "xml", Serializer = serializer } });
        builder.RegisterType<FrontDesk>();
        await using var container = builder.Build();
        answer = container.Resolve<FrontDesk>().Greet("autofac");
        report("[RpcReference] field injected by Autofac (BhrpcModule)", answer.Contains("xml-provider", StringComparison.Ordinal), answer);
    }

    /// <summary>A registry shows a new provider to a new consumer within a second; the first call may be that early.</summary>
    private static async Task<string> RetryWhileNoProviderAsync(Func<string> call)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            try
            {
                return call();
            }
            catch (RpcException e) when (e.StatusCode == RpcStatusCode.NoProvider && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
