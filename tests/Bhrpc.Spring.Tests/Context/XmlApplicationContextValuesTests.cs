using Bhrpc.Spring.Context;
using Bhrpc.Spring.Tests.Context.Samples;

namespace Bhrpc.Spring.Tests.Context;

public sealed class XmlApplicationContextValuesTests
{
    [Test]
    public void GetObject_PropertiesOfEveryKind_AreConvertedToTheirTypes()
    {
        using var context = new XmlApplicationContext(TestFiles.Path("values.xml"));

        var widget = context.GetObject<Widget>("widget");
        var other = context.GetObject<Widget>("other");
        Assert.Multiple(() =>
        {
            Assert.That(widget.Name, Is.EqualTo("fromFile"), "from the properties file");
            Assert.That(widget.Port, Is.EqualTo(8080), "file wins over default");
            Assert.That(widget.Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(1500)), "default used");
            Assert.That(widget.Endpoint, Is.EqualTo(new Uri("http://example.com/api")));
            Assert.That(widget.Kind, Is.EqualTo(WidgetKind.Fancy));
            Assert.That(widget.MaybeCount, Is.EqualTo(7));
            Assert.That(widget.ImplType, Is.EqualTo(typeof(Greeter)));
            Assert.That(widget.Tags, Is.EqualTo(new[] { "a", "fromFile" }));
            Assert.That(widget.Ports, Is.EqualTo(new[] { 1, 2 }));
            Assert.That(widget.Children, Has.Count.EqualTo(2));
            Assert.That(widget.Children![0], Is.SameAs(other));
            Assert.That(widget.Children[1].Name, Is.EqualTo("inner-in-list"));
            Assert.That(widget.Limits, Is.EqualTo(new Dictionary<string, int> { ["max"] = 10, ["min"] = 2 }));
            Assert.That(widget.Mixed!["text"], Is.EqualTo("hello"));
            Assert.That(widget.Mixed["other"], Is.SameAs(other));
            Assert.That(widget.Child!.Name, Is.EqualTo("inner"));
            Assert.That(widget.Anything, Is.SameAs(other));
        });
    }

    [Test]
    public void GetObject_Alias_ReturnsTheSameSingleton()
    {
        using var context = new XmlApplicationContext(TestFiles.Path("values.xml"));

        Assert.Multiple(() =>
        {
            Assert.That(context.GetObject("gadget"), Is.SameAs(context.GetObject("widget")));
            Assert.That(context.GetObject("thing"), Is.SameAs(context.GetObject("widget")));
            Assert.That(context.ContainsObject("gadget"), Is.True);
            Assert.That(context.ContainsObject("nope"), Is.False);
        });
    }

    [Test]
    public void GetObjectsOfType_ReturnsEveryMatchingObjectById()
    {
        using var context = new XmlApplicationContext(TestFiles.Path("values.xml"));

        var widgets = context.GetObjectsOfType<Widget>();

        Assert.That(widgets.Keys, Is.EquivalentTo(new[] { "widget", "other" }));
    }

    [Test]
    public void Placeholder_FromEnvironment_IsUsedWhenNotInPropertiesFile()
    {
        Environment.SetEnvironmentVariable("BHRPC_TEST_ENABLED", "true");
        try
        {
            using var context = new XmlApplicationContext(TestFiles.Path("values.xml"));

            Assert.That(context.GetObject<Widget>("widget").Enabled, Is.True);
        }
        finally
        {
            Environment.SetEnvironmentVariable("BHRPC_TEST_ENABLED", null);
        }
    }

    [Test]
    public void Placeholder_Unresolved_ErrorNamesKeyFileLineAndColumn()
    {
        var file = TestFiles.WriteTemp($"""
              <object id="w" type="{TestFiles.Type("Widget")}">
                <property name="Name" value="${"{"}no.such.key{"}"}"/>
              </object>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("no.such.key").And.Contain($"{file}:4:"));
        Assert.That(error.Location!.Line, Is.EqualTo(4));
        Assert.That(error.Location.Column, Is.GreaterThan(1));
    }

    [Test]
    public void Property_WrongText_ErrorNamesPropertyAndExpectedType()
    {
        var file = TestFiles.WriteTemp($"""
              <object id="w" type="{TestFiles.Type("Widget")}">
                <property name="Port" value="eighty"/>
              </object>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("'Port'").And.Contain("System.Int32").And.Contain("'eighty'").And.Contain($"{file}:4:"));
    }

    [Test]
    public void Property_Unknown_ErrorNamesProperty()
    {
        var file = TestFiles.WriteTemp($"""
              <object id="w" type="{TestFiles.Type("Widget")}">
                <property name="Colour" value="red"/>
              </object>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("'Colour'"));
    }

    [Test]
    public void Type_Unknown_ErrorNamesTypeAndLocation()
    {
        var file = TestFiles.WriteTemp("""  <object id="w" type="No.Such.Type, Nowhere"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("No.Such.Type").And.Contain($"{file}:3:"));
    }
}
