using Bhrpc.Attributes;
using Bhrpc.Spring.Tests.Pipeline;

namespace Bhrpc.Spring.Tests.Attributes;

/// <summary>References with pipeline settings from attributes.</summary>
public sealed class PipelineHolder
{
    [RpcReference(
        Filters = new[] { "-global", StampFilter.Name },
        Routers = new[] { FirstProviderRouter.Name },
        Cluster = SingleAttemptCluster.Name,
        Retries = 1,
        AttemptTimeout = 300,
        Lazy = false)]
    [RpcFilterSpec(StampFilter.Name, "label=attr", "times=2")]
    [RpcRouterSpec(FirstProviderRouter.Name, "rule=method=Hello* => host=127.0.0.1")]
    [RpcMethod("Hello", Timeout = 500, Retries = 0, Idempotent = true)]
    [RpcMethod("helloAsync", AttemptTimeout = 100, Oneway = false)]
    public IGreeter Greeter { get; set; } = null!;

    [RpcReference(Cluster = "forking", ClusterSettings = new[] { "forks=3" })]
    public IGreeter Forking { get; set; } = null!;

    [RpcReference]
    [RpcMethod("Goodbye", Timeout = 100)]
    public IGreeter UnknownMethod { get; set; } = null!;

    [RpcReference(Filters = new[] { ProviderOnlyFilter.Name })]
    public IGreeter ProviderOnly { get; set; } = null!;

    [RpcReference]
    [RpcFilterSpec(StampFilter.Name, "label")]
    public IGreeter BadSetting { get; set; } = null!;

    [RpcReference]
    [RpcFilterSpec(StampFilter.Name, "label=a")]
    public IGreeter StampA { get; set; } = null!;

    [RpcReference]
    [RpcFilterSpec(StampFilter.Name, "label=b")]
    public IGreeter StampB { get; set; } = null!;
}
