using System.Xml.Linq;
using Bhrpc.Serialization;
using Bhrpc.Spring.Context;
using Bhrpc.Injection;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// <c>&lt;rpc:server id [host] [port] [advertise-address] [registry] [serialization] [heartbeat-interval] [max-frame-size]
/// [grace-period] [shutdown-timeout]&gt;</c> onto <see cref="ServerOptions"/> (<c>grace-period</c> and <c>shutdown-timeout</c>
/// may be zero: no grace period, no wait for calls in flight), with <c>&lt;rpc:filter name … /&gt;</c> children: the provider filters every service of
/// the server runs (<see cref="ServerOptions.Filters"/>). <c>registry</c> is the id of an <c>&lt;rpc:registry&gt;</c> (default: the only one
/// in the context, else <c>local://</c>). Registers object <c>id</c>: the <see cref="RpcServerExporter"/> that starts the
/// server when the context is refreshed and stops it when the context closes.
/// </summary>
internal sealed class ServerElementParser : IRpcElementParser
{
    public void Parse(XElement element, ParserContext context, RpcConfiguration configuration)
    {
        var attributes = new RpcAttributeReader(element, context);
        var id = attributes.Required("id");
        var options = new ServerOptions();
        options.Host = attributes.String("host") ?? options.Host;
        options.Port = attributes.Int("port", 0, 65535) ?? options.Port;
        options.AdvertiseHost = attributes.String("advertise-address") ?? options.AdvertiseHost;
        options.Serializer = attributes.Extension<IRpcSerializer>("serialization", configuration) ?? options.Serializer;
        options.HeartbeatInterval = attributes.Duration("heartbeat-interval") ?? options.HeartbeatInterval;
        options.MaxFrameSize = attributes.Int("max-frame-size", 64, int.MaxValue) ?? options.MaxFrameSize;
        options.GracePeriod = attributes.Duration("grace-period", allowZero: true) ?? options.GracePeriod;
        options.ShutdownTimeout = attributes.Duration("shutdown-timeout", allowZero: true) ?? options.ShutdownTimeout;
        options.Filters = RpcChildElements.GlobalFilters(element, context);
        RpcChildElements.CheckFiltersLater(configuration, [.. options.Filters], Invocation.RpcSide.Provider, attributes.Location());
        try
        {
            options.Validate();
        }
        catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration)
        {
            throw context.Error(element, $"<rpc:server id=\"{id}\">: {e.Message}");
        }

        var spec = new ServerSpec(id, options, attributes.String("registry"), attributes.Location());
        configuration.Servers.Add(spec);
        context.Registry.Register(Define(spec));
    }

    /// <summary>The definition of a server's exporter; services are resolved when it is created.</summary>
    public static ObjectDefinition Define(ServerSpec spec) => new(spec.Id)
    {
        ObjectType = typeof(RpcServerExporter),
        Location = spec.Location,
        Factory = resolver =>
        {
            var services = spec.Services.Select(s => s.ToOptions(resolver.GetObject(s.RefId))).ToList();
            foreach (var annotated in spec.AnnotatedObjectIds)
            {
                services.AddRange(ServiceScanner.ServicesOf(resolver.GetObject(annotated)));
            }

            return new RpcServerExporter(spec.Id, spec.Options.Clone(), services);
        },
    };
}
