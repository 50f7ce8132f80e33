using Bhrpc.Attributes;

namespace Bhrpc.Spring.Tests.Attributes;

/// <summary>An exported greeter with the attribute's defaults.</summary>
[RpcService(typeof(IGreeter))]
public sealed class Greeter : IGreeter
{
    public string Hello(string name) => $"hello {name}";

    public Task<string> HelloAsync(string name) => Task.FromResult($"hello {name} (async)");
}
