using System.Xml.Linq;
using Bhrpc.Extensions;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// <c>&lt;rpc:extensions plugin-folder="plugins"/&gt;</c>: the context's client and servers load extensions with an
/// <see cref="ExtensionLoader"/> that adds the plug-in assemblies of that folder (relative to the XML file's folder;
/// for an <c>assembly://</c> document, to the application's base directory), and every extension name of the context
/// (serializers, load balancers, proxies, clusters, filters, routers) is checked against it. At most one per context.
/// </summary>
internal sealed class ExtensionsElementParser : IRpcElementParser
{
    public void Parse(XElement element, ParserContext context, RpcConfiguration configuration)
    {
        var attributes = new RpcAttributeReader(element, context);
        if (configuration.ExtensionsLocation is { } first)
        {
            throw context.Error(element, $"Only one <rpc:extensions> is allowed per context; the first is at {first}.");
        }

        var given = attributes.Required("plugin-folder");
        var baseDirectory = File.Exists(context.Resource) ? Path.GetDirectoryName(context.Resource)! : AppContext.BaseDirectory;
        var folder = Path.GetFullPath(Path.Combine(baseDirectory, given));
        if (!Directory.Exists(folder))
        {
            throw attributes.Error("plugin-folder", $"<rpc:extensions> plugin-folder='{given}': the folder {folder} does not exist; expected a folder of plug-in assemblies (*.dll), relative to this file's folder.");
        }

        configuration.Extensions = new ExtensionLoader(new ExtensionLoaderOptions { PluginFolder = folder });
        configuration.ExtensionsLocation = attributes.Location();
    }
}
