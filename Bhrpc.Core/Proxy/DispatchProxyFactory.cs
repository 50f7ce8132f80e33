using System.Reflection;
using Bhrpc.Extensions;

namespace Bhrpc.Proxy;

/// <summary><c>dispatch</c> (Java alias <c>jdk</c>): proxies made with <see cref="DispatchProxy"/>.</summary>
[SpiClass("dispatch", Aliases = ["jdk"])]
public sealed class DispatchProxyFactory : IProxyFactory
{
    /// <inheritdoc />
    public object CreateProxy(Type serviceInterface, IProxyInvocationHandler handler)
    {
        ArgumentNullException.ThrowIfNull(serviceInterface);
        ArgumentNullException.ThrowIfNull(handler);
        if (!serviceInterface.IsInterface)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{serviceInterface.FullName} is not an interface; the dispatch proxy implements interfaces only.");
        }

        var proxy = DispatchProxy.Create(serviceInterface, typeof(RpcDispatchProxy));
        ((RpcDispatchProxy)proxy).Handler = handler;
        return proxy;
    }
}
