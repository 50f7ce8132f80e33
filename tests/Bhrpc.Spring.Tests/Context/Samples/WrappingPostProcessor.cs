using Bhrpc.Spring.Context;

namespace Bhrpc.Spring.Tests.Context.Samples;

/// <summary>Wraps every <see cref="Greeter"/> after initialization and records what it saw before.</summary>
public sealed class WrappingPostProcessor : IObjectPostProcessor
{
    public List<string> Before { get; } = [];

    public object PostProcessBeforeInitialization(object instance, string id)
    {
        Before.Add(id);
        return instance;
    }

    public object PostProcessAfterInitialization(object instance, string id) => instance is Greeter ? new Wrapped(instance, id) : instance;
}
