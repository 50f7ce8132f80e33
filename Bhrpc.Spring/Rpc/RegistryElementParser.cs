using System.Xml.Linq;
using Bhrpc.Spring.Context;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// <c>&lt;rpc:registry id address [type] [root] [session-timeout]/&gt;</c>: <c>address</c> is a registry URL
/// (<c>zookeeper://h:2181/root?sessionTimeout=2s</c>, <c>etcd://…</c>, <c>local:///folder</c>) or, with <c>type</c>,
/// a plain <c>host:port[,host:port]</c> (a folder for <c>local</c>). <c>root</c> and <c>session-timeout</c> win over the URL's.
/// Registers object <c>id</c>: a copy of the <see cref="RegistryOptions"/>.
/// </summary>
internal sealed class RegistryElementParser : IRpcElementParser
{
    public void Parse(XElement element, ParserContext context, RpcConfiguration configuration)
    {
        var attributes = new RpcAttributeReader(element, context);
        var id = attributes.Required("id");
        var address = attributes.Required("address");
        var type = attributes.String("type");
        RegistryOptions options;
        try
        {
            options = type is null ? RegistryOptions.Parse(address) : new RegistryOptions { Type = type, Address = address };
            options.Root = attributes.String("root") ?? options.Root;
            options.SessionTimeout = attributes.Duration("session-timeout") ?? options.SessionTimeout;
            options.Validate();
        }
        catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration)
        {
            throw attributes.Error("address", $"<rpc:registry id=\"{id}\">: {e.Message}", e);
        }

        var location = attributes.Location();
        context.Registry.Register(new ObjectDefinition(id) { ObjectType = typeof(RegistryOptions), Factory = _ => options.Clone(), Location = location });
        configuration.Registries.Add(id, new RegistrySpec(id, options, location));
    }
}
