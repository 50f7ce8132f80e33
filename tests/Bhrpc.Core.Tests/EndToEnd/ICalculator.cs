namespace Bhrpc.Tests.EndToEnd;

public sealed record Person(string Name, int Age, List<string> Tags);

/// <summary>The service the end-to-end tests call: every return shape, overloads, failures.</summary>
public interface ICalculator
{
    int Add(int a, int b);

    string? Echo(string? text);

    Task<int> AddAsync(int a, int b);

    ValueTask<string> EchoValueAsync(string text);

    Task PauseAsync(int milliseconds);

    void Record(string text);

    Task<int> WaitAtGateAsync(int value);

    int Fail(string message);

    Task<int> FailAsync(string message);

    Person Older(Person person);

    string Describe(int value);

    string Describe(string value);
}
