using Bhrpc.Spring.Context;
using Bhrpc.Spring.Tests.Context.Samples;

namespace Bhrpc.Spring.Tests.Context;

public sealed class XmlApplicationContextConstructionTests
{
    [Test]
    public void ConstructorArgs_ByIndexByNameAndPosition_PickTheMatchingConstructor()
    {
        using var context = new XmlApplicationContext(TestFiles.Path("ctor.xml"));

        var byIndex = context.GetObject<Greeter>("byIndex");
        var byName = context.GetObject<Greeter>("byName");
        var oneArg = context.GetObject<Greeter>("oneArg");
        Assert.Multiple(() =>
        {
            Assert.That((byIndex.Greeting, byIndex.Times), Is.EqualTo(("hi", 3)));
            Assert.That((byName.Greeting, byName.Times), Is.EqualTo(("hello", 2)));
            Assert.That((oneArg.Greeting, oneArg.Times), Is.EqualTo(("solo", 1)));
        });
    }

    [Test]
    public void ConstructorArgs_NestedRefValueAndInnerObject_AreResolved()
    {
        using var context = new XmlApplicationContext(TestFiles.Path("ctor.xml"));

        var byRef = context.GetObject<Wrapped>("wrappedRef");
        var byInner = context.GetObject<Wrapped>("wrappedInner");
        Assert.Multiple(() =>
        {
            Assert.That(byRef, Is.EqualTo(new Wrapped(context.GetObject("oneArg"), "w")));
            Assert.That(((Greeter)byInner.Inner).Greeting, Is.EqualTo("inner"));
            Assert.That(byInner.Id, Is.EqualTo("b"));
        });
    }

    [Test]
    public void FactoryMethod_CallsStaticMethodOnType_WithArguments()
    {
        using var context = new XmlApplicationContext(TestFiles.Path("ctor.xml"));

        var greeter = context.GetObject<Greeter>("fromFactory");

        Assert.Multiple(() =>
        {
            Assert.That(greeter.CreatedBy, Is.EqualTo("factory"));
            Assert.That((greeter.Greeting, greeter.Times), Is.EqualTo(("made", 5)));
            Assert.That(context.GetObject("text"), Is.EqualTo("ab"));
        });
    }

    [Test]
    public void ConstructorArgs_NoMatchingConstructor_ErrorSaysSo()
    {
        var file = TestFiles.WriteTemp($"""
              <object id="g" type="{TestFiles.Type("Greeter")}">
                <constructor-arg name="nope" value="x"/>
              </object>
            """);

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("'g'").And.Contain("constructor").And.Contain($"{file}:3:"));
    }

    [Test]
    public void Import_RelativeAndAssembly_LoadsEveryDocument()
    {
        using var context = new XmlApplicationContext(TestFiles.Path("main-with-import.xml"));

        Assert.Multiple(() =>
        {
            Assert.That(context.GetObject<Widget>("main").Child, Is.SameAs(context.GetObject("child")));
            Assert.That(context.GetObject<Widget>("shared").Name, Is.EqualTo("embedded"));
            Assert.That(context.GetObject<Widget>("shared").Child!.Name, Is.EqualTo("embedded-inner"), "relative import inside an assembly resource");
        });
    }

    [Test]
    public void Location_Assembly_LoadsEmbeddedResource()
    {
        using var context = new XmlApplicationContext("assembly://Bhrpc.Spring.Tests/TestData/embedded/shared.xml");

        Assert.That(context.GetObject<Widget>("shared").Name, Is.EqualTo("embedded"));
    }

    [Test]
    public void Location_MissingAssemblyResource_ErrorListsResources()
    {
        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext("assembly://Bhrpc.Spring.Tests/TestData/none.xml"));

        Assert.That(error!.Message, Does.Contain("Bhrpc.Spring.Tests.TestData.none.xml").And.Contain("Bhrpc.Spring.Tests.TestData.embedded.shared.xml"));
    }

    [Test]
    public void MultipleLocations_AreMerged()
    {
        using var context = new XmlApplicationContext(TestFiles.Path("ctor.xml"), TestFiles.Path("imported/child.xml"));

        Assert.That(context.ContainsObject("child") && context.ContainsObject("byIndex"), Is.True);
    }

    [Test]
    public void UnknownNamespace_ErrorNamesNamespaceAndLocation()
    {
        var file = TestFiles.WriteTemp("""  <x:thing xmlns:x="urn:unknown"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("urn:unknown").And.Contain($"{file}:3:4"), "the column of the element name, as XmlReader reports it");
    }

    [Test]
    public void UnknownAttribute_ErrorNamesIt()
    {
        var file = TestFiles.WriteTemp($"""  <object id="w" type="{TestFiles.Type("Widget")}" colour="red"/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain("colour").And.Contain($"{file}:3:"));
    }

    [Test]
    public void PostProcessors_FactoryOneRunsFirstAndAddsDefinition_ObjectOneWrapsInstances()
    {
        AddingFactoryPostProcessor.WidgetsCreated = 0;
        using var context = new XmlApplicationContext(TestFiles.Path("postprocessors.xml"));

        var adder = context.GetObject<AddingFactoryPostProcessor>("adder");
        var wrapper = context.GetObject<WrappingPostProcessor>("wrapper");
        var greeter = context.GetObject<Wrapped>("greeter");
        var added = context.GetObject<Wrapped>("added");
        Assert.Multiple(() =>
        {
            Assert.That(adder.WidgetsCreatedBeforeRun, Is.Zero);
            Assert.That(AddingFactoryPostProcessor.WidgetsCreated, Is.EqualTo(1));
            Assert.That(((Greeter)greeter.Inner).Greeting, Is.EqualTo("hey"));
            Assert.That(((Greeter)added.Inner).Greeting, Is.EqualTo("added by post-processor"));
            Assert.That(wrapper.Before, Is.SupersetOf(new[] { "counting", "greeter", "added" }));
            Assert.That(wrapper.Before, Does.Not.Contain("adder").And.Not.Contain("wrapper"));
        });
    }
}
