using Bhrpc.Cluster;
using Bhrpc.Extensions;
using Bhrpc.Invocation;
using Bhrpc.Routing;

namespace Bhrpc.Spring.Tests.Pipeline;

/// <summary>A router that exists only in this test assembly, so that router names are shown to come from the loader.</summary>
[SpiClass(Name)]
public sealed class FirstProviderRouter : IRouter
{
    public const string Name = "springfirst";

    public IReadOnlyList<Provider> Route(IReadOnlyList<Provider> providers, RpcInvocation invocation) => providers.Count > 1 ? [providers[0]] : providers;
}
