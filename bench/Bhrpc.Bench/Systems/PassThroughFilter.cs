using Bhrpc.Invocation;

namespace Bhrpc.Bench.Systems;

/// <summary>A consumer filter that does nothing but call the rest of the chain: the cost of the filter seam itself.</summary>
internal sealed class PassThroughFilter : IRpcFilter
{
    public ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, RpcInvocationDelegate next) => next(invocation);
}
