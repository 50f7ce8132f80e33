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
/// [cluster] [retries] [attempt-timeout] [lazy] [ejection-backoff] [max-ejection-backoff] [eject-after-failures]&gt;</c>: the
/// <see cref="ConsumerDefaults"/> of every <c>&lt;rpc:reference&gt;</c> and <c>[RpcReference]</c> of the context, and the
/// ejection settings of the context's client (<see cref="ClientOptions.EjectionBackoff"/>,
/// <see cref="ClientOptions.MaxEjectionBackoff"/>, <see cref="ClientOptions.EjectAfterFailures"/>). Children: <c>&lt;rpc:filter&gt;</c>, the client's global filters
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
        configuration.ClientEjection = Ejection(attributes);
        configuration.Consumer = new ConsumerSpec(defaults, attributes.String("registry"), attributes.Location());
    }

    /// <summary>
    /// The ejection attributes over <see cref="ClientOptions"/>' defaults, each checked on its own; what is left for
    /// <see cref="ClientOptions.Validate"/> is its rule across two of them (<c>max-ejection-backoff</c> at least
    /// <c>ejection-backoff</c>), reported at the attribute that was set.
    /// </summary>
    private static ClientOptions Ejection(RpcAttributeReader attributes)
    {
        var client = new ClientOptions();
        client.EjectionBackoff = attributes.Duration("ejection-backoff") ?? client.EjectionBackoff;
        client.MaxEjectionBackoff = attributes.Duration("max-ejection-backoff") ?? client.MaxEjectionBackoff;
        client.EjectAfterFailures = attributes.Int("eject-after-failures", 1, int.MaxValue) ?? client.EjectAfterFailures;
        try
        {
            client.Validate();
        }
        catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration && client.MaxEjectionBackoff < client.EjectionBackoff)
        {
            var name = attributes.String("max-ejection-backoff") is not null ? "max-ejection-backoff" : "ejection-backoff";
            throw attributes.Error(name, $"{attributes.Tag} {name}='{attributes.String(name)}': max-ejection-backoff must be at least ejection-backoff (defaults 30s and 1s); {e.Message}", e);
        }

        return client;
    }
}
