using Bhrpc.Spring.Context;
using Bhrpc.Spring.Tests.Context;

namespace Bhrpc.Spring.Tests.Rpc;

/// <summary>Bad input the issue names that the other test classes do not already cover: an unknown type and a duplicate id.</summary>
public sealed class ContextBadInputTests
{
    [Test]
    public void UnknownType_NamesTheTypeTheAssemblySearchedAndTheLine()
    {
        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(TestFiles.Path("rpc/unknown-type.xml")));
        Assert.That(error!.Message, Does.Contain("Bhrpc.Spring.Tests.NoSuchType").And.Contain("searched assembly 'Bhrpc.Spring.Tests'").And.Contain("unknown-type.xml:3:"));
    }

    [Test]
    public void DuplicateId_NamesTheIdAndTheLine()
    {
        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(TestFiles.Path("rpc/duplicate-id.xml")));
        Assert.That(error!.Message, Does.Contain("'twice'").And.Contain("duplicate-id.xml:4:"));
    }
}
