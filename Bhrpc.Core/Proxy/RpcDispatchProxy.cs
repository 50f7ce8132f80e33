using System.Reflection;

namespace Bhrpc.Proxy;

/// <summary>The <see cref="DispatchProxy"/> behind <c>dispatch</c> proxies. Public only because DispatchProxy requires it.</summary>
public class RpcDispatchProxy : DispatchProxy
{
    internal IProxyInvocationHandler? Handler { get; set; }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var handler = Handler ?? throw new InvalidOperationException("proxy has no handler; make proxies with IProxyFactory.CreateProxy.");
        return handler.Invoke(targetMethod, args ?? []);
    }
}
