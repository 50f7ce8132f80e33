using System.Xml.Linq;
using Bhrpc.Spring.Context;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Tests.Xml;

public sealed class PlaceholderResolverTests
{
    private static (PlaceholderResolver Resolver, ParserContext Context) Create(string properties)
    {
        var resolver = new PlaceholderResolver();
        resolver.AddProperties(new StringReader(properties));
        var options = new XmlApplicationContextOptions();
        var context = new ParserContext("test.xml", new ObjectDefinitionRegistry(), resolver, new XmlObjectDefinitionReader(new ObjectDefinitionRegistry(), options));
        return (resolver, context);
    }

    [Test]
    public void Resolve_PropertiesThenEnvironmentThenDefault()
    {
        var (_, context) = Create("# comment\n! also comment\na = from-file\n\nPATH=shadowed\n");

        Assert.Multiple(() =>
        {
            Assert.That(context.ResolvePlaceholders("x${a}y"), Is.EqualTo("xfrom-filey"));
            Assert.That(context.ResolvePlaceholders("${PATH}"), Is.EqualTo("shadowed"), "file before environment");
            Assert.That(context.ResolvePlaceholders("${HOME:none}"), Is.EqualTo(Environment.GetEnvironmentVariable("HOME") ?? "none"));
            Assert.That(context.ResolvePlaceholders("${missing.key:fallback}"), Is.EqualTo("fallback"));
            Assert.That(context.ResolvePlaceholders("${missing.key:}"), Is.Empty);
            Assert.That(context.ResolvePlaceholders("no placeholders"), Is.EqualTo("no placeholders"));
        });
    }

    [Test]
    public void Resolve_Missing_ErrorNamesKeyAndNodeLocation()
    {
        var (_, context) = Create("");
        var element = XElement.Parse("<a>\n  <b v=\"${nope}\"/>\n</a>", LoadOptions.SetLineInfo);
        var attribute = element.Element("b")!.Attribute("v")!;

        var error = Assert.Throws<ObjectDefinitionException>(() => context.ResolvePlaceholders(attribute.Value, attribute));

        Assert.That(error!.Message, Does.StartWith("test.xml:2:6:").And.Contain("'nope'"));
    }

    [Test]
    public void Properties_MissingFile_ErrorNamesFileAndElement()
    {
        var file = Context.TestFiles.WriteTemp("""  <properties location="does-not-exist.properties"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("does-not-exist.properties").And.Contain($"{file}:3:"));
    }
}
