using Bhrpc.Attributes;

namespace Bhrpc.Spring.Tests.Attributes;

/// <summary>A service class with a consumer-only method setting: refused. Generic so that assembly scans skip it.</summary>
[RpcService(typeof(IGreeter))]
[RpcMethod("Hello", Retries = 1)]
public sealed class ConsumerSettingOnService<TUnused> : IGreeter
{
    public string Hello(string name) => name;

    public Task<string> HelloAsync(string name) => Task.FromResult(name);
}
