using System.Xml.Linq;
using Bhrpc.Extensions;
using Bhrpc.Injection;
using Bhrpc.Spring.Context;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// Reads the child elements of an rpc element: <c>&lt;rpc:filter&gt;</c>, <c>&lt;rpc:router&gt;</c> and
/// <c>&lt;rpc:cluster&gt;</c> (an extension: <c>name</c> plus any other attribute as a setting, placeholders resolved)
/// and <c>&lt;rpc:method&gt;</c> (per-method settings). Each extension's <see cref="ExtensionSpec.Source"/> is
/// <c>file:line &lt;rpc:filter&gt;</c>, so errors raised when it is created point back at the element.
/// </summary>
internal static class RpcChildElements
{
    /// <summary>The <c>&lt;rpc:{name}&gt;</c> children of <paramref name="element"/> as extensions, in document order.</summary>
    public static List<ExtensionSpec> Extensions(XElement element, string name, ParserContext context)
        => [.. element.Elements(RpcNamespace.Ns + name).Select(child => Extension(child, context))];

    /// <summary>
    /// The global <c>&lt;rpc:filter&gt;</c> children of a consumer or server: a <c>-name</c> there would remove nothing
    /// (only a reference or service removes one of the globals), so it is refused.
    /// </summary>
    public static List<ExtensionSpec> GlobalFilters(XElement element, ParserContext context)
    {
        var filters = Extensions(element, "filter", context);
        if (filters.FirstOrDefault(f => f.IsRemoval) is { } removal)
        {
            var child = element.Elements(RpcNamespace.Ns + "filter").First(e => context.Attribute(e, "name") == removal.Name);
            throw context.Error(
                child,
                $"<rpc:filter name=\"{removal.Name}\"> in <rpc:{element.Name.LocalName}>: '-name' removes a global filter and belongs in a {(element.Name.LocalName == "server" ? "<rpc:service>" : "<rpc:reference>")}; here, just leave the filter out.");
        }

        return filters;
    }

    /// <summary>The one <c>&lt;rpc:cluster&gt;</c> child, or null; the <c>cluster</c> attribute and the child together are an error.</summary>
    public static ExtensionSpec? Cluster(XElement element, ParserContext context)
    {
        var clusters = element.Elements(RpcNamespace.Ns + "cluster").ToList();
        if (clusters.Count > 1)
        {
            throw context.Error(clusters[1], $"<rpc:{element.Name.LocalName}> has more than one <rpc:cluster>; give one.");
        }

        if (clusters.Count == 1 && element.Attribute("cluster") is not null)
        {
            throw context.Error(clusters[0], $"<rpc:{element.Name.LocalName}> has both a cluster attribute and a <rpc:cluster> child; use the child (it takes settings) or the attribute, not both.");
        }

        return clusters.Count == 1 ? Extension(clusters[0], context) : null;
    }

    /// <summary>
    /// The <c>&lt;rpc:method&gt;</c> children; each names a method of <paramref name="serviceType"/> at most once. On a
    /// service (<paramref name="provider"/>) only <c>timeout</c> is allowed.
    /// </summary>
    public static List<MethodOptions> Methods(XElement element, Type serviceType, bool provider, ParserContext context)
    {
        var methods = new List<MethodOptions>();
        foreach (var child in element.Elements(RpcNamespace.Ns + "method"))
        {
            var attributes = new RpcAttributeReader(child, context);
            var name = attributes.Required("name");
            if (provider && child.Attributes().FirstOrDefault(a => !a.IsNamespaceDeclaration && a.Name.LocalName is not ("name" or "timeout")) is { } consumerOnly)
            {
                throw attributes.Error(
                    consumerOnly.Name.LocalName,
                    $"<rpc:method name=\"{name}\"> in <rpc:service>: '{consumerOnly.Name.LocalName}' is a consumer setting; on a service only timeout applies (the method's token fires then). Set it on the <rpc:reference> instead.");
            }

            var method = new MethodOptions
            {
                Name = name,
                Timeout = attributes.Duration("timeout"),
                AttemptTimeout = attributes.Duration("attempt-timeout"),
                Retries = attributes.Int("retries", 0, int.MaxValue),
                Oneway = attributes.Bool("oneway"),
                Idempotent = attributes.Bool("idempotent"),
            };
            try
            {
                ExtensionChecks.CheckMethods(serviceType, [.. methods, method], $"<rpc:method name=\"{name}\">");
            }
            catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration)
            {
                throw attributes.Error("name", e.Message, e);
            }

            methods.Add(method);
        }

        return methods;
    }

    /// <summary>Checks, once the context's extension loader is known, that each filter exists and runs on <paramref name="side"/>.</summary>
    public static void CheckFiltersLater(RpcConfiguration configuration, IReadOnlyList<ExtensionSpec> filters, Invocation.RpcSide side, SourceLocation location)
    {
        if (filters.Count > 0)
        {
            configuration.CheckLater(location, loader => ExtensionChecks.CheckFilters(filters, side, loader, location.ToString()));
        }
    }

    private static ExtensionSpec Extension(XElement child, ParserContext context)
    {
        var attributes = new RpcAttributeReader(child, context);
        var name = attributes.Required("name");
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in child.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.LocalName != "name"))
        {
            if (attribute.Name.Namespace != XNamespace.None)
            {
                throw attributes.Error(attribute.Name.LocalName, $"{attributes.Tag} name=\"{name}\": setting '{attribute.Name}' has a namespace; settings are plain attributes such as level=\"info\".");
            }

            settings[attribute.Name.LocalName] = context.ResolvePlaceholders(attribute.Value, attribute);
        }

        if (name.StartsWith('-') && settings.Count > 0)
        {
            throw attributes.Error("name", $"{attributes.Tag} name=\"{name}\" removes a global filter and takes no settings; remove {string.Join(", ", settings.Keys)}.");
        }

        var location = context.LocationOf(child);
        return new ExtensionSpec(name, settings, $"{location.Resource}:{location.Line} {attributes.Tag}");
    }
}
