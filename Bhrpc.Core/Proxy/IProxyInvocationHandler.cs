using System.Reflection;

namespace Bhrpc.Proxy;

/// <summary>What a proxy calls for every interface method.</summary>
public interface IProxyInvocationHandler
{
    /// <summary>Handles a call of <paramref name="method"/>; returns what the proxy method returns.</summary>
    object? Invoke(MethodInfo method, object?[] arguments);
}
