namespace Bhrpc.Invocation;

/// <summary>Where a filter runs: on the consumer (around a reference's calls), on the provider (around a service's), or both.</summary>
[Flags]
public enum RpcSide
{
    /// <summary>In the consumer's pipeline, between the proxy and the cluster.</summary>
    Consumer = 1,

    /// <summary>In the provider's pipeline, between the decoded request and the service method.</summary>
    Provider = 2,

    /// <summary>Either side.</summary>
    Both = Consumer | Provider,
}
