using System.Reflection;
using Bhrpc.Metadata;

namespace Bhrpc.Client.Internal;

/// <summary>A method of a reference, ready to call: its descriptor and the factory of its typed pending calls.</summary>
internal sealed class MethodPlan
{
    private static readonly MethodInfo s_create = typeof(MethodPlan).GetMethod(nameof(Create), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<MethodDescriptor, string, PendingCall> _factory;

    public MethodPlan(MethodDescriptor method)
    {
        Method = method;
        var resultType = method.ResultType ?? typeof(object);
        _factory = s_create.MakeGenericMethod(resultType).CreateDelegate<Func<MethodDescriptor, string, PendingCall>>();
    }

    public MethodDescriptor Method { get; }

    public PendingCall NewCall(string serviceKey) => _factory(Method, serviceKey);

    private static PendingCall Create<T>(MethodDescriptor method, string serviceKey)
        => method.IsAsync ? new AsyncPendingCall<T>(method, serviceKey) : new SyncPendingCall<T>(method, serviceKey);
}
