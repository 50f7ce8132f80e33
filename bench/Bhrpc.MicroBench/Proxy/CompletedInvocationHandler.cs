using System.Reflection;
using Bhrpc.Proxy;

namespace Bhrpc.MicroBench.Proxy;

/// <summary>
/// A handler that answers at once, as if the response were already there: <c>Echo</c> returns its
/// argument, <c>AddAsync</c> a completed task. What is left to measure is the proxy itself.
/// </summary>
internal sealed class CompletedInvocationHandler : IProxyInvocationHandler
{
    public object? Invoke(MethodInfo method, object?[] arguments)
        => method.ReturnType == typeof(Task<int>)
            ? Task.FromResult((int)arguments[0]! + (int)arguments[1]!)
            : arguments[0];
}
