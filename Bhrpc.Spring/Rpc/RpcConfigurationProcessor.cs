using Bhrpc.Spring.Context;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// Runs once all XML of a context is read: links the registry, server and ref ids of the rpc elements (errors carry
/// the element's file:line:column and list the known ids), checks every extension name against the context's loader,
/// fills in defaults and validates every reference.
/// </summary>
internal sealed class RpcConfigurationProcessor(RpcConfiguration configuration) : IObjectFactoryPostProcessor
{
    public void PostProcessObjectFactory(ObjectDefinitionRegistry registry)
    {
        var c = configuration;
        c.DefaultRegistry = c.Registries.Count == 1 ? c.Registries.Values.Single().Options : new RegistryOptions();
        c.RunChecks();
        foreach (var server in c.Servers)
        {
            server.Options.Registry = Registry(server.RegistryId, server.Location, $"<rpc:server id=\"{server.Id}\">").Clone();
            server.Options.Extensions = c.Extensions;
        }

        if (c.Consumer is { } consumer)
        {
            if (consumer.RegistryId is not null)
            {
                consumer.Defaults.Registry = Registry(consumer.RegistryId, consumer.Location, "<rpc:consumer>").ToString();
            }

            c.Defaults = consumer.Defaults;
        }

        foreach (var reference in c.References)
        {
            LinkReference(reference);
        }

        ServerSpec? implicitServer = null;
        foreach (var service in c.Services)
        {
            if (!registry.Contains(service.RefId))
            {
                throw new ObjectDefinitionException(
                    $"<rpc:service interface=\"{service.ServiceType.FullName}\"> ref='{service.RefId}': no object with that id; expected the id of the implementation object. Known ids: {Known(registry.Definitions.Select(d => d.Id).Where(id => !id.StartsWith("bhrpc.", StringComparison.Ordinal)))}.",
                    service.Location);
            }

            var server = service.ServerId is null
                ? DefaultServer(ref implicitServer, service.Location, $"<rpc:service interface=\"{service.ServiceType.FullName}\">")
                : c.Servers.FirstOrDefault(s => s.Id == service.ServerId)
                    ?? throw new ObjectDefinitionException(
                        $"<rpc:service interface=\"{service.ServiceType.FullName}\"> server='{service.ServerId}': no <rpc:server> with that id. Known <rpc:server> ids: {Known(c.Servers.Select(s => s.Id))}.",
                        service.Location);
            server.Services.Add(service);
        }

        if (c.AnnotatedServiceIds.Count > 0)
        {
            DefaultServer(ref implicitServer, c.AnnotationLocation, "<rpc:annotation-driven>").AnnotatedObjectIds.AddRange(c.AnnotatedServiceIds);
        }

        if (implicitServer is not null)
        {
            registry.Register(ServerElementParser.Define(implicitServer));
        }
    }

    private void LinkReference(ReferenceSpec reference)
    {
        var where = $"<rpc:reference id=\"{reference.Id}\">";
        ReferenceOptions options;
        try
        {
            options = reference.ToOptions(configuration.Defaults, where, configuration.Extensions);
        }
        catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration)
        {
            throw new ObjectDefinitionException(e.Message.Replace("[RpcReference] on ", string.Empty, StringComparison.Ordinal), reference.Location, e);
        }

        if (reference.RegistryId is not null)
        {
            options.Registry = Registry(reference.RegistryId, reference.Location, where).Clone();
        }

        reference.Options = options;
    }

    private RegistryOptions Registry(string? id, SourceLocation? location, string where)
    {
        if (id is null)
        {
            return configuration.DefaultRegistry;
        }

        return configuration.Registries.TryGetValue(id, out var spec)
            ? spec.Options
            : throw new ObjectDefinitionException(
                $"{where} registry='{id}': no <rpc:registry> with that id. Known <rpc:registry> ids: {Known(configuration.Registries.Keys)}.", location);
    }

    private ServerSpec DefaultServer(ref ServerSpec? implicitServer, SourceLocation? location, string what)
    {
        var servers = configuration.Servers;
        return servers.Count switch
        {
            0 => implicitServer ??= new ServerSpec(RpcConfiguration.ImplicitServerId, new ServerOptions { Registry = configuration.DefaultRegistry.Clone(), Extensions = configuration.Extensions }, null, location),
            1 => servers[0],
            _ => throw new ObjectDefinitionException(
                $"{what} names no server and the context has several; add server=\"…\". Known <rpc:server> ids: {Known(servers.Select(s => s.Id))}.", location),
        };
    }

    private static string Known(IEnumerable<string> ids)
    {
        var list = string.Join(", ", ids.Order(StringComparer.Ordinal));
        return list.Length == 0 ? "(none)" : list;
    }
}
