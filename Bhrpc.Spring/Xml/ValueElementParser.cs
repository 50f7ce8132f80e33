using System.Xml.Linq;
using Bhrpc.Spring.Context;

namespace Bhrpc.Spring.Xml;

/// <summary>Parses values: <c>value</c>/<c>ref</c> attributes and nested value, ref, list, dictionary and object elements.</summary>
internal static class ValueElementParser
{
    /// <summary>Reads the value of a property, constructor-arg or entry: a value or ref attribute, or exactly one child element.</summary>
    public static ObjectValue ParseHolder(XElement holder, ParserContext context, string valueAttribute = "value", string refAttribute = "ref")
    {
        var children = holder.Elements().ToList();
        var valueAttr = holder.Attribute(valueAttribute);
        var refAttr = holder.Attribute(refAttribute);
        var given = (valueAttr is null ? 0 : 1) + (refAttr is null ? 0 : 1) + children.Count;
        if (given != 1)
        {
            throw context.Error(holder, $"<{holder.Name.LocalName}> needs exactly one of a '{valueAttribute}' attribute, a '{refAttribute}' attribute or one nested element.");
        }

        if (valueAttr is not null)
        {
            return new LiteralValue(context.ResolvePlaceholders(valueAttr.Value, valueAttr)) { Location = context.LocationOf(valueAttr) };
        }

        if (refAttr is not null)
        {
            return new ReferenceValue(context.ResolvePlaceholders(refAttr.Value, refAttr)) { Location = context.LocationOf(refAttr) };
        }

        return ParseValueElement(children[0], context);
    }

    private static ObjectValue ParseValueElement(XElement element, ParserContext context)
    {
        var location = context.LocationOf(element);
        if (element.Name.Namespace != SpringNamespace.Ns)
        {
            throw context.Error(element, $"Unknown XML namespace '{element.Name.NamespaceName}' on value element <{element.Name.LocalName}>.");
        }

        switch (element.Name.LocalName)
        {
            case "value":
                return new LiteralValue(context.ResolvePlaceholders(element.Value, element)) { Location = location };
            case "ref":
                var id = context.Attribute(element, "object") ?? throw context.Error(element, "<ref> needs an object attribute.");
                return new ReferenceValue(id) { Location = location };
            case "object":
                return new InnerObjectValue(ObjectElementParser.Parse(element, context, inner: true)) { Location = location };
            case "list":
                return new ListValue(element.Elements().Select(e => ParseValueElement(e, context)).ToList()) { Location = location };
            case "dictionary":
                var entries = new List<KeyValuePair<string, ObjectValue>>();
                foreach (var entry in element.Elements())
                {
                    if (entry.Name != SpringNamespace.Ns + "entry")
                    {
                        throw context.Error(entry, $"<dictionary> may only contain <entry>, not <{entry.Name.LocalName}>.");
                    }

                    var key = context.Attribute(entry, "key") ?? throw context.Error(entry, "<entry> needs a key attribute.");
                    var refName = entry.Attribute("value-ref") is null ? "ref" : "value-ref";
                    entries.Add(KeyValuePair.Create(key, ParseHolder(entry, context, "value", refName)));
                }

                return new DictionaryValue(entries) { Location = location };
            default:
                throw context.Error(element, $"Unknown value element <{element.Name.LocalName}>; expected value, ref, object, list or dictionary.");
        }
    }
}
