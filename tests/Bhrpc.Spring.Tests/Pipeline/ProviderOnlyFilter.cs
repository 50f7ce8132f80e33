using Bhrpc.Extensions;
using Bhrpc.Invocation;

namespace Bhrpc.Spring.Tests.Pipeline;

/// <summary>A filter that runs on the provider side only; naming it on a reference is an error.</summary>
[SpiClass(Name)]
[RpcFilter(Side = RpcSide.Provider)]
public sealed class ProviderOnlyFilter : IRpcFilter
{
    public const string Name = "springprovideronly";

    public ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, RpcInvocationDelegate next) => next(invocation);
}
