using Bhrpc.Extensions;

namespace Bhrpc.Proxy;

/// <summary>Extension point <c>proxy</c>: makes an object that implements a service interface by calling a handler.</summary>
[Spi("dispatch")]
public interface IProxyFactory
{
    /// <summary>Makes a proxy for <paramref name="serviceInterface"/> whose methods call <paramref name="handler"/>.</summary>
    object CreateProxy(Type serviceInterface, IProxyInvocationHandler handler);
}
