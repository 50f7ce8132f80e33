namespace Bhrpc.Spring.Tests.Rpc;

/// <summary>Answers with its tag, so a test can tell which exported version or group answered.</summary>
public sealed class TaggedEcho(string tag) : IEcho
{
    public string Echo(string text) => $"{tag}: {text}";

    public Task<string> EchoAsync(string text) => Task.FromResult($"{tag} async: {text}");
}
