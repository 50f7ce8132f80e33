using System.Threading.Channels;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>The provider side of <see cref="ICalculator"/>, with a gate tests open to control when calls finish.</summary>
public sealed class Calculator : ICalculator
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _atGate;

    public Channel<string> Recorded { get; } = Channel.CreateUnbounded<string>();

    /// <summary>Calls waiting at the gate now.</summary>
    public int AtGate => Volatile.Read(ref _atGate);

    /// <summary>Released once for every call that arrives at the gate.</summary>
    public SemaphoreSlim Arrivals { get; } = new(0);

    public void OpenGate() => _gate.TrySetResult();

    public int Add(int a, int b) => a + b;

    public string? Echo(string? text) => text;

    public async Task<int> AddAsync(int a, int b)
    {
        await Task.Yield();
        return a + b;
    }

    public ValueTask<string> EchoValueAsync(string text) => ValueTask.FromResult(text);

    public Task PauseAsync(int milliseconds) => Task.Delay(milliseconds);

    public void Record(string text) => Recorded.Writer.TryWrite(text);

    public async Task<int> WaitAtGateAsync(int value)
    {
        Interlocked.Increment(ref _atGate);
        Arrivals.Release();
        await _gate.Task;
        Interlocked.Decrement(ref _atGate);
        return value;
    }

    public int Fail(string message) => throw new InvalidOperationException(message);

    public async Task<int> FailAsync(string message)
    {
        await Task.Yield();
        throw new ArgumentException(message);
    }

    public Person Older(Person person) => person with { Age = person.Age + 1 };

    public string Describe(int value) => $"int {value}";

    public string Describe(string value) => $"string {value}";
}
