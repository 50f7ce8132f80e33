namespace Bhrpc.Spring.Tests.Context.Samples;

public sealed class Greeter
{
    public Greeter(string greeting)
        : this(greeting, 1)
    {
    }

    public Greeter(string greeting, int times)
    {
        Greeting = greeting;
        Times = times;
    }

    public string Greeting { get; }

    public int Times { get; }

    public string? CreatedBy { get; private init; }

    public static Greeter Create(string greeting, int times) => new(greeting, times) { CreatedBy = "factory" };
}
