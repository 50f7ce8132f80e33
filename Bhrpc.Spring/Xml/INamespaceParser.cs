using System.Xml.Linq;
using System.Xml.Schema;

namespace Bhrpc.Spring.Xml;

/// <summary>
/// Reads the top-level elements of one XML namespace inside <c>&lt;objects&gt;</c> and registers object definitions.
/// Register one process-wide with <see cref="NamespaceParsers.Register{TParser}"/> or per context with
/// <see cref="Context.XmlApplicationContextOptions.Parsers"/>.
/// </summary>
public interface INamespaceParser
{
    /// <summary>The namespace URI this parser handles, e.g. <c>http://bhrpc.net/schema/rpc</c>.</summary>
    string NamespaceUri { get; }

    /// <summary>A schema for the namespace; when not null every element is validated against it before parsing.</summary>
    XmlSchemaSet? Schema { get; }

    /// <summary>Parses one element (already validated) and registers definitions in <see cref="ParserContext.Registry"/>.</summary>
    /// <param name="element">The element, with line information.</param>
    /// <param name="context">The document being read.</param>
    void ParseElement(XElement element, ParserContext context);
}
