using System.Xml.Linq;
using Bhrpc.Serialization;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// <c>&lt;rpc:service interface ref [version] [group] [weight] [serialization] [server] [service-name] [method-naming] [tag]&gt;</c>
/// onto <see cref="ServiceOptions"/>: exports object <c>ref</c> on server <c>server</c> (default: the only
/// <c>&lt;rpc:server&gt;</c>, or an implicit one with the defaults of <see cref="ServerOptions"/> when there is none).
/// Children: <c>&lt;rpc:filter name … /&gt;</c> (this service's provider filters, after the server's; <c>-name</c> removes
/// one of the server's) and <c>&lt;rpc:method name timeout/&gt;</c> (on a service only <c>timeout</c> applies; the
/// consumer settings are refused). <c>serialization</c> is checked to name a known serializer but changes nothing: a
/// provider always answers in the serializer of the request.
/// </summary>
internal sealed class ServiceElementParser : IRpcElementParser
{
    public void Parse(XElement element, ParserContext context, RpcConfiguration configuration)
    {
        var attributes = new RpcAttributeReader(element, context);
        var serviceType = attributes.Interface("interface");
        _ = attributes.Extension<IRpcSerializer>("serialization", configuration);
        var filters = RpcChildElements.Extensions(element, "filter", context);
        RpcChildElements.CheckFiltersLater(configuration, filters, Invocation.RpcSide.Provider, attributes.Location());
        configuration.Services.Add(new ServiceSpec(serviceType, attributes.Required("ref"), attributes.String("server"), attributes.Location())
        {
            ServiceName = attributes.String("service-name"),
            Version = attributes.String("version"),
            Group = attributes.String("group"),
            Weight = attributes.Int("weight", 0, int.MaxValue),
            MethodNaming = attributes.MethodNaming("method-naming"),
            Tag = attributes.String("tag"),
            Filters = filters,
            Methods = RpcChildElements.Methods(element, serviceType, provider: true, context),
        });
    }
}
