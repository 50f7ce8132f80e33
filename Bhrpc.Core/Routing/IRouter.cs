using Bhrpc.Cluster;
using Bhrpc.Extensions;
using Bhrpc.Invocation;

namespace Bhrpc.Routing;

/// <summary>
/// Extension point <c>router</c>: narrows the discovered providers for one invocation, between discovery and the
/// load balancer (<c>tag</c>, <c>condition</c>). A reference's routers run in the order they are listed. Made with
/// an <see cref="ExtensionContext"/> carrying its settings; one instance per reference; called concurrently.
/// </summary>
[Spi(null)]
public interface IRouter
{
    /// <summary>The providers <paramref name="invocation"/> may go to, a subset of <paramref name="providers"/> (possibly empty).</summary>
    IReadOnlyList<Provider> Route(IReadOnlyList<Provider> providers, RpcInvocation invocation);
}
