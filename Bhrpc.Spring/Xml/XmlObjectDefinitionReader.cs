using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Bhrpc.Spring.Context;

namespace Bhrpc.Spring.Xml;

/// <summary>Loads documents, applies <c>&lt;properties&gt;</c> first, validates and dispatches each top-level element to its namespace parser.</summary>
internal sealed class XmlObjectDefinitionReader
{
    private readonly ObjectDefinitionRegistry _registry;
    private readonly string _baseDirectory;
    private readonly PlaceholderResolver _placeholders = new();
    private readonly Dictionary<string, INamespaceParser> _parsers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _loaded = new(StringComparer.OrdinalIgnoreCase);

    public XmlObjectDefinitionReader(ObjectDefinitionRegistry registry, XmlApplicationContextOptions options)
    {
        _registry = registry;
        _baseDirectory = options.BaseDirectory ?? Environment.CurrentDirectory;
        foreach (var parser in NamespaceParsers.CreateAll().Concat(options.Parsers).Prepend(new ObjectsNamespaceParser()))
        {
            parser.Schema?.Compile();
            _parsers[parser.NamespaceUri] = parser;
        }
    }

    public void Load(IEnumerable<string> locations)
    {
        foreach (var location in locations)
        {
            Load(location, relativeTo: null, including: null);
        }
    }

    /// <summary>Loads one document; <paramref name="including"/> is the element that imports it, for error messages.</summary>
    public void Load(string location, string? relativeTo, (XObject Node, ParserContext Context)? including)
    {
        var resource = ResourceLoader.Resolve(location, relativeTo, _baseDirectory);
        if (!_loaded.Add(resource))
        {
            return;
        }

        XDocument document;
        try
        {
            using var stream = ResourceLoader.Open(resource);
            document = XDocument.Load(stream, LoadOptions.SetLineInfo);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmlException)
        {
            var where = including is { } inc ? inc.Context.LocationOf(inc.Node) : new SourceLocation(resource, (ex as XmlException)?.LineNumber ?? 0, (ex as XmlException)?.LinePosition ?? 0);
            throw new ObjectDefinitionException($"Cannot read XML '{resource}': {ex.Message}", where, ex);
        }

        var context = new ParserContext(resource, _registry, _placeholders, this);
        var root = document.Root!;
        if (root.Name != SpringNamespace.Ns + "objects")
        {
            throw context.Error(root, $"The root element must be <objects xmlns=\"{SpringNamespace.Uri}\">, not <{root.Name.LocalName} xmlns=\"{root.Name.NamespaceName}\">.");
        }

        // Properties come first so that placeholders anywhere in the document can use them.
        foreach (var properties in root.Elements(SpringNamespace.Ns + "properties"))
        {
            LoadProperties(properties, context);
        }

        foreach (var element in root.Elements())
        {
            var ns = element.Name.NamespaceName;
            if (!_parsers.TryGetValue(ns, out var parser))
            {
                throw context.Error(element, $"Unknown XML namespace '{ns}' on element <{element.Name.LocalName}>: no INamespaceParser is registered for it.");
            }

            if (parser.Schema is { } schema)
            {
                Validate(element, schema, context);
            }

            parser.ParseElement(element, context);
        }
    }

    private void LoadProperties(XElement element, ParserContext context)
    {
        var location = context.Attribute(element, "location") ?? throw context.Error(element, "<properties> needs a location attribute.");
        var resource = ResourceLoader.Resolve(location, context.Resource, _baseDirectory);
        try
        {
            using var reader = new StreamReader(ResourceLoader.Open(resource));
            _placeholders.AddProperties(reader);
        }
        catch (IOException ex)
        {
            throw new ObjectDefinitionException($"Cannot read properties file '{resource}': {ex.Message}", context.LocationOf(element), ex);
        }
    }

    private static void Validate(XElement element, XmlSchemaSet schema, ParserContext context)
    {
        if (!schema.GlobalElements.Contains(new XmlQualifiedName(element.Name.LocalName, element.Name.NamespaceName)))
        {
            throw context.Error(element, $"Element <{element.Name.LocalName}> is not declared in the schema for namespace '{element.Name.NamespaceName}'.");
        }

        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schema };
        settings.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
            {
                throw new ObjectDefinitionException(
                    $"<{element.Name.LocalName}> is not valid for namespace '{element.Name.NamespaceName}': {e.Message}",
                    new SourceLocation(context.Resource, e.Exception.LineNumber, e.Exception.LinePosition));
            }
        };
        using var reader = XmlReader.Create(element.CreateReader(), settings);
        while (reader.Read())
        {
        }
    }
}
