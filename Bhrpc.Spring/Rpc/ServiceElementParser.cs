using System.Xml.Linq;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// <c>&lt;rpc:service interface ref [version] [group] [weight] [serialization] [server] [service-name] [method-naming]/&gt;</c> onto
/// <see cref="ServiceOptions"/>: exports object <c>ref</c> on server <c>server</c> (default: the only
/// <c>&lt;rpc:server&gt;</c>, or an implicit one with the defaults of <see cref="ServerOptions"/> when there is none).
/// <c>serialization</c> is checked to name a known serializer but changes nothing: a provider always answers in the
/// serializer of the request.
/// </summary>
internal sealed class ServiceElementParser : IRpcElementParser
{
    public void Parse(XElement element, ParserContext context, RpcConfiguration configuration)
    {
        var attributes = new RpcAttributeReader(element, context);
        var serviceType = attributes.Interface("interface");
        _ = ServerElementParser.CheckSerializer(attributes, "serialization");
        configuration.Services.Add(new ServiceSpec(serviceType, attributes.Required("ref"), attributes.String("server"), attributes.Location())
        {
            ServiceName = attributes.String("service-name"),
            Version = attributes.String("version"),
            Group = attributes.String("group"),
            Weight = attributes.Int("weight", 0, int.MaxValue),
            MethodNaming = attributes.MethodNaming("method-naming"),
        });
    }
}
