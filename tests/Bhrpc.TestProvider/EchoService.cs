namespace Bhrpc.TestProvider;

/// <summary>Answers with what it was given.</summary>
public sealed class EchoService : IEcho
{
    /// <inheritdoc />
    public string Echo(string text) => text;
}
