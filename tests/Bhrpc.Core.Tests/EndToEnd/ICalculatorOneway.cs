namespace Bhrpc.Tests.EndToEnd;

/// <summary>
/// The methods of <see cref="ICalculator"/> a oneway reference may call (none returns a value); exported under
/// <see cref="ICalculator"/>'s service name.
/// </summary>
public interface ICalculatorOneway
{
    void Record(string text);

    Task WaitAtGateAsync(int value);
}
