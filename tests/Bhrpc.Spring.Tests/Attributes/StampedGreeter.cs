using Bhrpc.Attributes;
using Bhrpc.Spring.Tests.Pipeline;

namespace Bhrpc.Spring.Tests.Attributes;

/// <summary>
/// A service whose provider filter (from this test assembly), tag and method timeout come from attributes. Generic only so
/// that assembly scans, which skip open generic classes, do not export it; tests use <c>StampedGreeter&lt;object&gt;</c>.
/// </summary>
[RpcService(typeof(IGreeter), Group = "stamped", Tag = "canary", Filters = new[] { StampFilter.Name })]
[RpcFilterSpec(StampFilter.Name, "label=svc")]
[RpcMethod("Hello", Timeout = 700)]
public sealed class StampedGreeter<TUnused> : IGreeter
{
    public string Hello(string name) => $"hello {name}";

    public Task<string> HelloAsync(string name) => Task.FromResult($"hello {name} (async)");
}
