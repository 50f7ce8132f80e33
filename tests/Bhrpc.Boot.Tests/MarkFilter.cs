using Bhrpc.Extensions;
using Bhrpc.Invocation;

namespace Bhrpc.Boot.Tests;

/// <summary>
/// A filter that exists only in this test assembly (found by the shared loader's scan, registered nowhere): a
/// string result gets <c>" [Text]"</c> appended <c>Repeat</c> times, so a call's value shows which filters ran, in
/// which order.
/// </summary>
[SpiClass(Name)]
public sealed class MarkFilter : IRpcFilter
{
    public const string Name = "bootmark";

    private readonly string _suffix;

    public MarkFilter(ExtensionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Bind<MarkFilterOptions>();
        _suffix = string.Concat(Enumerable.Repeat($" [{options.Text}]", options.Repeat));
    }

    public async ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, RpcInvocationDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(invocation).ConfigureAwait(false);
        return result.IsSuccess && result.Value is string text ? RpcResult.FromValue(text + _suffix) : result;
    }
}
