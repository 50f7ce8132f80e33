using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Bhrpc.Spring.Context;
using Bhrpc.Spring.Tests.Context;
using Bhrpc.Spring.Tests.Context.Samples;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Tests.Xml;

/// <summary>A sample namespace: <c>&lt;g:greeting id text times?/&gt;</c> registers a <see cref="Greeter"/> built by a factory delegate.</summary>
public sealed class GreetingNamespaceParser : INamespaceParser
{
    public const string Uri = "urn:test:greeting";

    public GreetingNamespaceParser()
    {
        Schema = new XmlSchemaSet();
        using var reader = XmlReader.Create(TestFiles.Path("greeting.xsd"));
        Schema.Add(Uri, reader);
    }

    public string NamespaceUri => Uri;

    public XmlSchemaSet? Schema { get; }

    public void ParseElement(XElement element, ParserContext context)
    {
        var text = context.Attribute(element, "text")!;
        var times = int.Parse(context.Attribute(element, "times") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        var id = context.Attribute(element, "id")!;

        // A second object built by a factory delegate that looks the first one up through the resolver.
        context.Registry.Register(new ObjectDefinition(id + ".wrapped")
        {
            ObjectType = typeof(Wrapped),
            Factory = resolver => new Wrapped(resolver.GetObject(id), id + ".wrapped"),
        });
        context.Registry.Register(new ObjectDefinition(id)
        {
            ObjectType = typeof(Greeter),
            Factory = _ => new Greeter(text, times),
            Location = context.LocationOf(element),
        });
    }
}
