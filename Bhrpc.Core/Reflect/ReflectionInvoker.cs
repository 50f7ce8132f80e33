using System.Reflection;
using Bhrpc.Extensions;

namespace Bhrpc.Reflect;

/// <summary><c>reflection</c> (Java alias <c>jdk</c>): <see cref="MethodBase.Invoke(object, BindingFlags, Binder, object[], System.Globalization.CultureInfo)"/> without exception wrapping.</summary>
[SpiClass("reflection", Aliases = ["jdk"])]
public sealed class ReflectionInvoker : IReflectInvoker
{
    /// <inheritdoc />
    public object? Invoke(object service, MethodInfo method, object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(method);
        return method.Invoke(service, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
    }
}
