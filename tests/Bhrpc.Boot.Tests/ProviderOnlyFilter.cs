using Bhrpc.Extensions;
using Bhrpc.Invocation;

namespace Bhrpc.Boot.Tests;

/// <summary>A provider-side filter without settings (parameterless constructor), for the side and "takes no settings" checks.</summary>
[SpiClass(Name)]
[RpcFilter(Side = RpcSide.Provider)]
public sealed class ProviderOnlyFilter : IRpcFilter
{
    public const string Name = "bootprovideronly";

    public ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, RpcInvocationDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return next(invocation);
    }
}
