using Bhrpc.Extensions;
using Bhrpc.Invocation;

namespace Bhrpc.Spring.Tests.Pipeline;

/// <summary>
/// A filter that exists only in this test assembly: a string result comes back as "[label]" × times + the result, so a
/// call shows that the filter ran and with which settings.
/// </summary>
[SpiClass(Name)]
public sealed class StampFilter : IRpcFilter
{
    public const string Name = "springstamp";

    private readonly string _stamp;

    public StampFilter(ExtensionContext context)
    {
        var options = context.Bind<StampFilterOptions>();
        _stamp = string.Concat(Enumerable.Repeat($"[{options.Label}]", options.Times));
    }

    public async ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, RpcInvocationDelegate next)
    {
        var result = await next(invocation).ConfigureAwait(false);
        return result.IsSuccess && result.Value is string text ? RpcResult.FromValue(_stamp + text) : result;
    }
}
