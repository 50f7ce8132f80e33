using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// The <c>rpc:</c> namespace (<see cref="RpcNamespace.Uri"/>): <c>registry</c>, <c>server</c>, <c>service</c>,
/// <c>reference</c>, <c>consumer</c>, <c>annotation-driven</c> and <c>extensions</c>, each read by its own small parser into one
/// <see cref="RpcConfiguration"/> per context. Validated against the embedded <c>rpc.xsd</c>.
/// </summary>
public sealed class RpcNamespaceParser : INamespaceParser
{
    private static readonly Dictionary<string, IRpcElementParser> s_parsers = new(StringComparer.Ordinal)
    {
        ["registry"] = new RegistryElementParser(),
        ["server"] = new ServerElementParser(),
        ["service"] = new ServiceElementParser(),
        ["reference"] = new ReferenceElementParser(),
        ["consumer"] = new ConsumerElementParser(),
        ["annotation-driven"] = new AnnotationDrivenElementParser(),
        ["extensions"] = new ExtensionsElementParser(),
    };

    /// <summary>Creates the parser and loads the embedded schema.</summary>
    public RpcNamespaceParser()
    {
        Schema = LoadSchema();
    }

    /// <inheritdoc />
    public string NamespaceUri => RpcNamespace.Uri;

    /// <inheritdoc />
    public XmlSchemaSet? Schema { get; }

    /// <inheritdoc />
    public void ParseElement(XElement element, ParserContext context)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(context);
        if (!s_parsers.TryGetValue(element.Name.LocalName, out var parser))
        {
            throw context.Error(element, $"Unknown element <rpc:{element.Name.LocalName}>; expected one of {string.Join(", ", s_parsers.Keys)}.");
        }

        parser.Parse(element, context, RpcConfiguration.For(context.Registry));
    }

    private static XmlSchemaSet LoadSchema()
    {
        using var stream = typeof(RpcNamespaceParser).Assembly.GetManifestResourceStream(RpcNamespace.SchemaResource)
            ?? throw new InvalidOperationException($"The embedded schema '{RpcNamespace.SchemaResource}' is missing from Bhrpc.Spring.");
        using var reader = XmlReader.Create(stream);
        var schemas = new XmlSchemaSet();
        schemas.Add(RpcNamespace.Uri, reader);
        return schemas;
    }
}
