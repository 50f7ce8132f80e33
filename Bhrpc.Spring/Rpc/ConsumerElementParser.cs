using System.Xml.Linq;
using Bhrpc.Attributes;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// <c>&lt;rpc:consumer [version] [group] [registry] [serialization] [timeout] [load-balance] [proxy] [oneway] [method-naming]/&gt;</c>:
/// the <see cref="ConsumerDefaults"/> of every <c>&lt;rpc:reference&gt;</c> and <c>[RpcReference]</c> of the context.
/// At most one per context; <c>registry</c> is the id of an <c>&lt;rpc:registry&gt;</c>.
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

        var defaults = new ConsumerDefaults
        {
            Version = attributes.String("version"),
            Group = attributes.String("group"),
            Serializer = ServerElementParser.CheckSerializer(attributes, "serialization"),
            Timeout = attributes.Duration("timeout"),
            LoadBalancer = attributes.String("load-balance"),
            Proxy = attributes.String("proxy"),
            Oneway = attributes.Bool("oneway"),
            MethodNaming = attributes.MethodNaming("method-naming"),
        };
        configuration.Consumer = new ConsumerSpec(defaults, attributes.String("registry"), attributes.Location());
    }
}
