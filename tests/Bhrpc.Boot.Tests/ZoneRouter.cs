using Bhrpc.Cluster;
using Bhrpc.Extensions;
using Bhrpc.Invocation;
using Bhrpc.Routing;

namespace Bhrpc.Boot.Tests;

/// <summary>A router that exists only in this test assembly: keeps the providers whose host starts with <c>Prefix</c>.</summary>
[SpiClass(Name)]
public sealed class ZoneRouter : IRouter
{
    public const string Name = "bootzone";

    private readonly string _prefix;

    public ZoneRouter(ExtensionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _prefix = context.Bind<ZoneRouterOptions>().Prefix!;
    }

    public IReadOnlyList<Provider> Route(IReadOnlyList<Provider> providers, RpcInvocation invocation)
        => [.. providers.Where(p => p.Instance.Host.StartsWith(_prefix, StringComparison.Ordinal))];
}
