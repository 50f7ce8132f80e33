using Bhrpc.Attributes;
using Bhrpc.Spring.Tests.Pipeline;

namespace Bhrpc.Spring.Tests.Attributes;

/// <summary>A service with a provider filter from attributes. Generic only so that assembly scans skip it; tests use <c>FilteredGreeter&lt;object&gt;</c>.</summary>
[RpcService(typeof(IGreeter), Group = "filtered", Filters = new[] { StampFilter.Name })]
[RpcFilterSpec(StampFilter.Name, "label=attr", "times=2")]
public sealed class FilteredGreeter<TUnused> : IGreeter
{
    public string Hello(string name) => $"hello {name}";

    public Task<string> HelloAsync(string name) => Task.FromResult($"hello {name} (async)");
}
