using System.Xml.Linq;
using Bhrpc.Attributes;
using Bhrpc.Cluster;
using Bhrpc.Extensions;
using Bhrpc.LoadBalance;
using Bhrpc.Proxy;
using Bhrpc.Serialization;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// <c>&lt;rpc:consumer [version] [group] [registry] [serialization] [timeout] [load-balance] [proxy] [oneway] [method-naming]
/// [cluster] [retries] [attempt-timeout] [lazy]&gt;</c>: the <see cref="ConsumerDefaults"/> of every <c>&lt;rpc:reference&gt;</c>
/// and <c>[RpcReference]</c> of the context. Children: <c>&lt;rpc:filter&gt;</c>, the client's global filters
/// (<see cref="ClientOptions.Filters"/>, run by every reference; a reference removes one with <c>-name</c>), and one
/// <c>&lt;rpc:cluster name … /&gt;</c>, the default cluster with its settings. At most one per context;
/// <c>registry</c> is the id of an <c>&lt;rpc:registry&gt;</c>.
/// </summary>
internal sealed class ConsumerElementParser : IRpcElementParser
{
    public void Parse(XElement element, ParserContext context, RpcConfiguration configuration)
    {
        var attributes = new RpcAttributeReader(element, context);
        if (configuration.Consumer is { } first)
        {
            throw context.Error(element, $"Only one <rpc:consumer> is allowed per context; the first is at {first.Location}.");
        }

        var cluster = RpcChildElements.Cluster(element, context)
            ?? (attributes.Extension<ICluster>("cluster", configuration) is { } name ? new ExtensionSpec(name) : null);
        if (cluster?.Source is not null)
        {
            configuration.CheckLater(attributes.Location(), loader => Injection.ExtensionChecks.CheckName<ICluster>(cluster.Name, loader, cluster.Source));
        }

        var defaults = new ConsumerDefaults
        {
            Version = attributes.String("version"),
            Group = attributes.String("group"),
            Serializer = attributes.Extension<IRpcSerializer>("serialization", configuration),
            Timeout = attributes.Duration("timeout"),
            LoadBalancer = attributes.Extension<ILoadBalancer>("load-balance", configuration),
            Proxy = attributes.Extension<IProxyFactory>("proxy", configuration),
            Oneway = attributes.Bool("oneway"),
            MethodNaming = attributes.MethodNaming("method-naming"),
            Cluster = cluster,
            Retries = attributes.Int("retries", 0, int.MaxValue),
            AttemptTimeout = attributes.Duration("attempt-timeout"),
            Lazy = attributes.Bool("lazy"),
        };
        var filters = RpcChildElements.GlobalFilters(element, context);
        RpcChildElements.CheckFiltersLater(configuration, filters, Invocation.RpcSide.Consumer, attributes.Location());
        configuration.ClientFilters.AddRange(filters);
        configuration.Consumer = new ConsumerSpec(defaults, attributes.String("registry"), attributes.Location());
    }
}
