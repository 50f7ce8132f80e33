using System.Xml.Linq;
using Bhrpc.Attributes;
using Bhrpc.Injection;
using Bhrpc.Serialization;
using Bhrpc.Spring.Context;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// <c>&lt;rpc:reference id interface …&gt;</c>: registers object <c>id</c>, a proxy made by the context's one shared
/// <see cref="RpcClient"/>. Settings map like <see cref="RpcReferenceAttribute"/>'s and are validated the same way;
/// unset ones come from <c>&lt;rpc:consumer&gt;</c>, then the built-in defaults. <c>registry</c> is the id of an
/// <c>&lt;rpc:registry&gt;</c>. Children: <c>&lt;rpc:filter&gt;</c> (after the client's global filters; <c>-name</c>
/// removes one), <c>&lt;rpc:router&gt;</c> (in order), one <c>&lt;rpc:cluster name … /&gt;</c> (the cluster with its
/// settings; <c>cluster="name"</c> still names one without settings) and <c>&lt;rpc:method&gt;</c> (per-method
/// settings). <c>async="true"</c> (Java bhrpc's) is checked: a call is asynchronous when its
/// method returns a task, so an interface with a synchronous method is refused.
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
            Serialization = attributes.Extension<IRpcSerializer>("serialization", configuration),
            Proxy = attributes.String("proxy"),
            Cluster = attributes.String("cluster"),
            Retries = attributes.Int("retries", int.MinValue, int.MaxValue) ?? -1,
            AttemptTimeout = Milliseconds(attributes.Duration("attempt-timeout")),
            Async = attributes.Bool("async") ?? false,
        };
        settings.Timeout = Milliseconds(attributes.Duration("timeout"));
        if (attributes.Bool("lazy") is { } lazy)
        {
            settings.Lazy = lazy;
        }

        if (attributes.Bool("oneway") is { } oneway)
        {
            settings.Oneway = oneway;
        }

        if (attributes.MethodNaming("method-naming") is { } naming)
        {
            settings.MethodNaming = naming;
        }

        var spec = new ReferenceSpec(id, interfaceType, settings, attributes.String("registry"), attributes.Location())
        {
            Filters = RpcChildElements.Extensions(element, "filter", context),
            Routers = RpcChildElements.Extensions(element, "router", context),
            Cluster = RpcChildElements.Cluster(element, context),
            Methods = RpcChildElements.Methods(element, interfaceType, provider: false, context),
        };
        configuration.References.Add(spec);
        context.Registry.Register(new ObjectDefinition(id)
        {
            ObjectType = interfaceType,
            Location = spec.Location,
            Factory = resolver => ((ReferenceInjector)resolver.GetObject(RpcConfiguration.InjectorId)).ProxyFor(spec.Options!),
        });
    }

    private static int Milliseconds(TimeSpan? duration)
        => duration is { } value ? (int)Math.Min(int.MaxValue, Math.Ceiling(value.TotalMilliseconds)) : 0;
}
