using Bhrpc.Spring.Context;

namespace Bhrpc.Spring.Tests.Context.Samples;

/// <summary>Adds a definition "added" and records whether any other object existed when it ran.</summary>
public sealed class AddingFactoryPostProcessor : IObjectFactoryPostProcessor
{
    public static int WidgetsCreated { get; set; }

    public int WidgetsCreatedBeforeRun { get; private set; } = -1;

    public string Greeting { get; set; } = "";

    public void PostProcessObjectFactory(ObjectDefinitionRegistry registry)
    {
        WidgetsCreatedBeforeRun = WidgetsCreated;
        var definition = new ObjectDefinition("added") { ObjectType = typeof(Greeter) };
        definition.ConstructorArguments.Add(new ConstructorArgument(null, null, new LiteralValue(Greeting)));
        registry.Register(definition);
    }
}
