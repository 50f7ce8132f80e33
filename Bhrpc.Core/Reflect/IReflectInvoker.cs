using System.Reflection;
using Bhrpc.Extensions;

namespace Bhrpc.Reflect;

/// <summary>
/// Extension point <c>reflect</c>: calls a service method on the provider. Exceptions thrown by
/// the method propagate unwrapped (no <see cref="TargetInvocationException"/>).
/// </summary>
[Spi("reflection")]
public interface IReflectInvoker
{
    /// <summary>Calls <paramref name="method"/> on <paramref name="service"/> with <paramref name="arguments"/>; returns what it returned.</summary>
    object? Invoke(object service, MethodInfo method, object?[] arguments);
}
