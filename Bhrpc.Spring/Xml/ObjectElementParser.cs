using System.Globalization;
using System.Xml.Linq;
using Bhrpc.Spring.Context;

namespace Bhrpc.Spring.Xml;

/// <summary>Parses one <c>&lt;object&gt;</c> element into an <see cref="ObjectDefinition"/>.</summary>
internal static class ObjectElementParser
{
    private static readonly HashSet<string> s_attributes =
    [
        "id", "name", "type", "singleton", "scope", "lazy-init", "init-method", "destroy-method", "depends-on", "factory-method",
    ];

    private static readonly char[] s_separators = [',', ';', ' '];

    public static ObjectDefinition Parse(XElement element, ParserContext context, bool inner)
    {
        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
        {
            if (!s_attributes.Contains(attribute.Name.LocalName) || attribute.Name.Namespace != XNamespace.None)
            {
                throw context.Error(attribute, $"Unknown attribute '{attribute.Name.LocalName}' on <object>; expected one of {string.Join(", ", s_attributes)}.");
            }
        }

        var typeName = context.Attribute(element, "type") ?? throw context.Error(element, "<object> needs a type attribute (\"Namespace.Type, Assembly\").");
        var type = TypeResolver.Resolve(typeName) ?? throw context.Error(element.Attribute("type"), $"Type '{typeName}' could not be found; {TypeResolver.DescribeSearch(typeName)}.");
        var names = context.Attribute(element, "name")?.Split(s_separators, StringSplitOptions.RemoveEmptyEntries) ?? [];
        var id = context.Attribute(element, "id") ?? names.FirstOrDefault();
        if (id is null || inner)
        {
            id ??= string.Empty;
            id = context.GenerateId(type.Name + (id.Length > 0 ? "." + id : string.Empty));
        }

        var definition = new ObjectDefinition(id) { ObjectType = type, Location = context.LocationOf(element) };
        definition.IsSingleton = !inner && ParseScope(element, context);
        definition.IsLazyInit = ParseBool(element, "lazy-init", context) ?? false;
        definition.InitMethod = context.Attribute(element, "init-method");
        definition.DestroyMethod = context.Attribute(element, "destroy-method");
        definition.FactoryMethod = context.Attribute(element, "factory-method");
        foreach (var dependency in context.Attribute(element, "depends-on")?.Split(s_separators, StringSplitOptions.RemoveEmptyEntries) ?? [])
        {
            definition.DependsOn.Add(dependency);
        }

        foreach (var child in element.Elements())
        {
            ParseChild(child, definition, context);
        }

        if (!inner)
        {
            foreach (var alias in names.Where(n => n != id))
            {
                context.Registry.RegisterAlias(alias, id);
            }
        }

        return definition;
    }

    private static void ParseChild(XElement child, ObjectDefinition definition, ParserContext context)
    {
        if (child.Name.Namespace != SpringNamespace.Ns)
        {
            throw context.Error(child, $"Unknown XML namespace '{child.Name.NamespaceName}' on element <{child.Name.LocalName}> inside <object>.");
        }

        switch (child.Name.LocalName)
        {
            case "property":
                var name = context.Attribute(child, "name") ?? throw context.Error(child, "<property> needs a name attribute.");
                definition.Properties.Add(new PropertyValue(name, ValueElementParser.ParseHolder(child, context)));
                break;
            case "constructor-arg":
                int? index = null;
                if (context.Attribute(child, "index") is { } indexText)
                {
                    index = int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                        ? i
                        : throw context.Error(child.Attribute("index"), $"constructor-arg index '{indexText}' is not a non-negative integer.");
                }

                definition.ConstructorArguments.Add(new ConstructorArgument(index, context.Attribute(child, "name"), ValueElementParser.ParseHolder(child, context)));
                break;
            case "description":
                break;
            default:
                throw context.Error(child, $"Unknown element <{child.Name.LocalName}> in <object>; expected property, constructor-arg or description.");
        }
    }

    private static bool ParseScope(XElement element, ParserContext context)
    {
        var singleton = ParseBool(element, "singleton", context);
        var scope = context.Attribute(element, "scope");
        var scoped = scope switch
        {
            null => (bool?)null,
            "singleton" => true,
            "prototype" => false,
            _ => throw context.Error(element.Attribute("scope"), $"scope '{scope}' is not supported; expected singleton or prototype."),
        };
        return scoped ?? singleton ?? true;
    }

    private static bool? ParseBool(XElement element, string name, ParserContext context)
    {
        var text = context.Attribute(element, name);
        if (text is null || text == "default")
        {
            return null;
        }

        return bool.TryParse(text, out var value) ? value : throw context.Error(element.Attribute(name), $"{name} '{text}' is not true or false.");
    }
}
