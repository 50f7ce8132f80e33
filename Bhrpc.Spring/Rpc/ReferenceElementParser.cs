using System.Xml.Linq;
using Bhrpc.Attributes;
using Bhrpc.Spring.Context;
using Bhrpc.Injection;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// <c>&lt;rpc:reference id interface …/&gt;</c>: registers object <c>id</c>, a proxy made by the context's one shared
/// <see cref="RpcClient"/>. Settings map like <see cref="RpcReferenceAttribute"/>'s and are validated the same way;
/// unset ones come from <c>&lt;rpc:consumer&gt;</c>, then the built-in defaults. <c>registry</c> is the id of an
/// <c>&lt;rpc:registry&gt;</c>. <c>retries</c> and <c>cluster</c> are validated but have no effect yet (Core has no
/// cluster layer); <c>async</c> and <c>lazy</c> are accepted for Java bhrpc compatibility and have no effect (a call is
/// asynchronous when its method returns a task; every proxy is already lazy).
/// </summary>
internal sealed class ReferenceElementParser : IRpcElementParser
{
    public void Parse(XElement element, ParserContext context, RpcConfiguration configuration)
    {
        var attributes = new RpcAttributeReader(element, context);
        var id = attributes.Required("id");
        var interfaceType = attributes.Interface("interface");
        var settings = new RpcReferenceAttribute
        {
            ServiceName = attributes.String("service-name"),
            Version = attributes.String("version"),
            Group = attributes.String("group"),
            DirectUrl = attributes.String("direct-url"),
            LoadBalance = attributes.String("load-balance"),
            Serialization = ServerElementParser.CheckSerializer(attributes, "serialization"),
            Proxy = attributes.String("proxy"),
            Cluster = attributes.String("cluster"),
            Retries = attributes.Int("retries", int.MinValue, int.MaxValue) ?? -1,
            Async = attributes.Bool("async") ?? false,
            Lazy = attributes.Bool("lazy") ?? false,
        };
        if (attributes.Duration("timeout") is { } timeout)
        {
            settings.Timeout = (int)Math.Min(int.MaxValue, Math.Ceiling(timeout.TotalMilliseconds));
        }

        if (attributes.Bool("oneway") is { } oneway)
        {
            settings.Oneway = oneway;
        }

        if (attributes.MethodNaming("method-naming") is { } naming)
        {
            settings.MethodNaming = naming;
        }

        var spec = new ReferenceSpec(id, interfaceType, settings, attributes.String("registry"), attributes.Location());
        configuration.References.Add(spec);
        context.Registry.Register(new ObjectDefinition(id)
        {
            ObjectType = interfaceType,
            Location = spec.Location,
            Factory = resolver => ((ReferenceInjector)resolver.GetObject(RpcConfiguration.InjectorId)).ProxyFor(spec.Options!),
        });
    }
}
