using Bhrpc.Spring.Context;

namespace Bhrpc.Spring.Tests.Context;

public sealed class ObjectDefinitionRegistryTests
{
    [Test]
    public void Register_DuplicateId_IsAnError()
    {
        var registry = new ObjectDefinitionRegistry();
        registry.Register(new ObjectDefinition("a"));

        Assert.That(() => registry.Register(new ObjectDefinition("a")), Throws.TypeOf<ObjectDefinitionException>().With.Message.Contains("'a'"));
    }

    [Test]
    public void Get_Unknown_ListsIdsAndAliases()
    {
        var registry = new ObjectDefinitionRegistry();
        registry.Register(new ObjectDefinition("b"));
        registry.Register(new ObjectDefinition("a"));
        registry.RegisterAlias("c", "a");

        Assert.That(() => registry.Get("z"), Throws.TypeOf<ObjectDefinitionException>().With.Message.Contains("Known ids: a, b, c."));
    }

    [Test]
    public void TryGet_Alias_FindsTarget_AndRemoveForgetsDefinition()
    {
        var registry = new ObjectDefinitionRegistry();
        var definition = new ObjectDefinition("a");
        registry.Register(definition);
        registry.RegisterAlias("alias", "a");

        Assert.Multiple(() =>
        {
            Assert.That(registry.TryGet("alias", out var found) ? found : null, Is.SameAs(definition));
            Assert.That(registry.Remove("a"), Is.True);
            Assert.That(registry.Definitions, Is.Empty);
        });
    }
}
