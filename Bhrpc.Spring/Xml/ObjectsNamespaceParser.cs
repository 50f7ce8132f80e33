using System.Xml.Linq;
using System.Xml.Schema;

namespace Bhrpc.Spring.Xml;

/// <summary>The <c>http://www.springframework.net</c> namespace: <c>object</c>, <c>import</c>, <c>alias</c>, <c>properties</c>.</summary>
internal sealed class ObjectsNamespaceParser : INamespaceParser
{
    public string NamespaceUri => SpringNamespace.Uri;

    public XmlSchemaSet? Schema => null;

    public void ParseElement(XElement element, ParserContext context)
    {
        switch (element.Name.LocalName)
        {
            case "object":
                context.Registry.Register(ObjectElementParser.Parse(element, context, inner: false));
                break;
            case "import":
                var resource = context.Attribute(element, "resource") ?? throw context.Error(element, "<import> needs a resource attribute.");
                context.Reader.Load(resource, context.Resource, (element, context));
                break;
            case "alias":
                var name = context.Attribute(element, "name") ?? throw context.Error(element, "<alias> needs a name attribute.");
                var alias = context.Attribute(element, "alias") ?? throw context.Error(element, "<alias> needs an alias attribute.");
                context.Registry.RegisterAlias(alias, name);
                break;
            case "properties":
            case "description":
                // Properties files are read before any other element (see XmlObjectDefinitionReader).
                break;
            default:
                throw context.Error(element, $"Unknown element <{element.Name.LocalName}> in <objects>; expected object, import, alias, properties or description.");
        }
    }
}
