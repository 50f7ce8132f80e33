using Bhrpc.Spring.Context;
using Bhrpc.Spring.Tests.Context;
using Bhrpc.Spring.Tests.Context.Samples;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Tests.Xml;

public sealed class NamespaceParserTests
{
    private static XmlApplicationContextOptions WithGreetingParser()
    {
        var options = new XmlApplicationContextOptions();
        options.Parsers.Add(new GreetingNamespaceParser());
        return options;
    }

    [Test]
    public void ParseElement_ValidElement_RegistersObject()
    {
        using var context = new XmlApplicationContext(WithGreetingParser(), TestFiles.Path("custom-ns.xml"));

        var greeter = context.GetObject<Greeter>("hello");

        Assert.Multiple(() =>
        {
            Assert.That(greeter.Greeting, Is.EqualTo("hi there"));
            Assert.That(context.GetObjectsOfType<Greeter>().Keys, Is.EqualTo(new[] { "hello" }));
            Assert.That(context.GetObject<Wrapped>("hello.wrapped").Inner, Is.SameAs(greeter), "factory delegate resolved a reference");
        });
    }

    [Test]
    public void Validate_InvalidElement_ErrorCarriesFileLineAndColumn()
    {
        var file = TestFiles.Path("custom-ns-invalid.xml");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(WithGreetingParser(), file));

        Assert.That(error!.Message, Does.Contain("times").And.Contain($"{file}:3:36"), "the column of the invalid attribute");
    }

    [Test]
    public void Validate_MissingRequiredAttribute_IsAnError()
    {
        var file = TestFiles.WriteTemp("""  <g:greeting xmlns:g="urn:test:greeting" id="x"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(WithGreetingParser(), file));

        Assert.That(error!.Message, Does.Contain("text").And.Contain($"{file}:3:"));
    }

    [Test]
    public void Validate_UndeclaredElement_IsAnError()
    {
        var file = TestFiles.WriteTemp("""  <g:farewell xmlns:g="urn:test:greeting"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(WithGreetingParser(), file));

        Assert.That(error!.Message, Does.Contain("farewell").And.Contain($"{file}:3:4"));
    }

    [Test]
    public void Register_ProcessWide_IsUsedByEveryNewContext()
    {
        NamespaceParsers.Register<GreetingNamespaceParser>();
        NamespaceParsers.Register<GreetingNamespaceParser>();

        using var context = new XmlApplicationContext(TestFiles.Path("custom-ns.xml"));

        Assert.That(context.GetObject<Greeter>("hello").Greeting, Is.EqualTo("hi there"));
    }
}
