namespace Bhrpc.Boot.Api;

/// <summary>The contract the Generic Host demo provider exports and the demo consumer calls.</summary>
public interface IGreetingService
{
    /// <summary>A synchronous call: answers "Hello, {name}".</summary>
    string Greet(string name);

    /// <summary>An asynchronous call: the answer says which provider instance served it.</summary>
    Task<Greeting> GreetAsync(GreetingRequest request);

    /// <summary>Like <see cref="GreetAsync"/>, answering after <paramref name="delayMilliseconds"/> (0..60000): a call that is still in flight when the provider is told to stop.</summary>
    Task<Greeting> GreetSlowlyAsync(GreetingRequest request, int delayMilliseconds);
}

/// <summary>What the consumer sends.</summary>
public sealed record GreetingRequest(string Name, int Sequence);

/// <summary>What the provider answers: the text and the instance (host name, in Kubernetes the pod name) that served it.</summary>
public sealed record Greeting(string Text, int Sequence, string ServedBy, DateTimeOffset ServedAt);
