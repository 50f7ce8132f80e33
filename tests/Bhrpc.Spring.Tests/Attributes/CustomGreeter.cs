using Bhrpc.Attributes;
using Bhrpc.Metadata;

namespace Bhrpc.Spring.Tests.Attributes;

/// <summary>An exported greeter with every attribute setting changed.</summary>
[RpcService(typeof(IGreeter), Version = "2.0.0", Group = "blue", Weight = 7, ServiceName = "greeter", MethodNaming = MethodNaming.CamelCase)]
public sealed class CustomGreeter : IGreeter
{
    public string Hello(string name) => $"hi {name} from v2";

    public Task<string> HelloAsync(string name) => Task.FromResult($"hi {name} from v2 (async)");
}
