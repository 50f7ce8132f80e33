namespace Bhrpc.Metadata;

/// <summary>
/// Marks an interface method that may safely run more than once: the <c>failover</c> cluster then retries it on
/// another provider after a timeout, a lost connection or a remote failure, not only when the request never reached
/// a provider. Per reference, <see cref="MethodOptions.Idempotent"/> says the same.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class IdempotentAttribute : Attribute
{
}
