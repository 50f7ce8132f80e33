using System.Xml;
using System.Xml.Linq;
using Bhrpc.Spring.Context;

namespace Bhrpc.Spring.Xml;

/// <summary>What a namespace parser sees of the document being read: its location, the registry, placeholders and errors.</summary>
public sealed class ParserContext
{
    private readonly PlaceholderResolver _placeholders;
    private int _anonymous;

    internal ParserContext(string resource, ObjectDefinitionRegistry registry, PlaceholderResolver placeholders, XmlObjectDefinitionReader reader)
    {
        Resource = resource;
        Registry = registry;
        _placeholders = placeholders;
        Reader = reader;
    }

    /// <summary>The resolved location of the document: a full file path or an <c>assembly://</c> location.</summary>
    public string Resource { get; }

    /// <summary>The definitions of the context being built.</summary>
    public ObjectDefinitionRegistry Registry { get; }

    internal XmlObjectDefinitionReader Reader { get; }

    /// <summary>Replaces <c>${key}</c> and <c>${key:default}</c> in <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="node">The attribute or element the text came from, named in the error when a key is missing.</param>
    /// <returns>The resolved text.</returns>
    public string ResolvePlaceholders(string text, XObject? node = null) => _placeholders.Resolve(text, node, this);

    /// <summary>The value of an attribute with placeholders resolved, or null when absent.</summary>
    /// <param name="element">The element.</param>
    /// <param name="name">The attribute name (no namespace).</param>
    /// <returns>The value or null.</returns>
    public string? Attribute(XElement element, string name)
        => element.Attribute(name) is { } attribute ? ResolvePlaceholders(attribute.Value, attribute) : null;

    /// <summary>The location of a node in this document.</summary>
    /// <param name="node">The node, loaded with line information.</param>
    /// <returns>The location.</returns>
    public SourceLocation LocationOf(XObject? node)
        => node is IXmlLineInfo info && info.HasLineInfo() ? new SourceLocation(Resource, info.LineNumber, info.LinePosition) : new SourceLocation(Resource, 0, 0);

    /// <summary>An exception to throw for a problem at <paramref name="node"/>; its message carries file:line:column.</summary>
    /// <param name="node">The offending node.</param>
    /// <param name="message">What is wrong and what was expected.</param>
    /// <returns>The exception.</returns>
    public ObjectDefinitionException Error(XObject? node, string message) => new(message, LocationOf(node));

    /// <summary>A fresh id for an object without one, such as an inner object.</summary>
    /// <param name="hint">Usually the type name.</param>
    /// <returns>An id not yet used in the registry.</returns>
    public string GenerateId(string hint)
    {
        string id;
        do
        {
            id = $"{hint}#{Path.GetFileName(Resource)}#{++_anonymous}";
        }
        while (Registry.Contains(id));

        return id;
    }
}
