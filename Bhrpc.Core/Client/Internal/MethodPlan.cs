using System.Reflection;
using Bhrpc.Metadata;

namespace Bhrpc.Client.Internal;

/// <summary>
/// A method of a reference, ready to call: its descriptor, the settings in effect for it (the reference's, overridden
/// by its <see cref="MethodOptions"/>), and the factory of its typed pending calls.
/// </summary>
internal sealed class MethodPlan
{
    private static readonly MethodInfo s_create = typeof(MethodPlan).GetMethod(nameof(Create), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<MethodDescriptor, string, PendingCall> _factory;

    public MethodPlan(MethodDescriptor method, ReferenceOptions reference, TimeProvider clock)
    {
        Method = method;
        var resultType = method.ResultType ?? typeof(object);
        _factory = s_create.MakeGenericMethod(resultType).CreateDelegate<Func<MethodDescriptor, string, PendingCall>>();
        var settings = reference.SettingsOf(method);
        WireName = method.NameFor(reference.MethodNaming);
        Timeout = settings?.Timeout ?? reference.Timeout;
        TimeoutTicks = Timeout == System.Threading.Timeout.InfiniteTimeSpan ? long.MaxValue : (long)(Timeout.TotalSeconds * clock.TimestampFrequency);
        AttemptTimeout = settings?.AttemptTimeout ?? reference.AttemptTimeout ?? System.Threading.Timeout.InfiniteTimeSpan;
        Retries = settings?.Retries ?? reference.Retries ?? ReferenceOptions.DefaultRetries;
        Oneway = settings?.Oneway ?? reference.Oneway;
        Idempotent = settings?.Idempotent ?? method.IsIdempotent;
    }

    public MethodDescriptor Method { get; }

    /// <summary>The method's name on the wire.</summary>
    public string WireName { get; }

    /// <summary>The call's timeout, shared by all its attempts.</summary>
    public TimeSpan Timeout { get; }

    /// <summary><see cref="Timeout"/> in <see cref="TimeProvider"/> ticks; <see cref="long.MaxValue"/> for none.</summary>
    public long TimeoutTicks { get; }

    public TimeSpan AttemptTimeout { get; }

    public int Retries { get; }

    public bool Oneway { get; }

    public bool Idempotent { get; }

    /// <summary>Whether the caller passes a <see cref="CancellationToken"/> (which is not sent).</summary>
    public bool TakesToken => Method.CancellationTokenIndex >= 0;

    public PendingCall NewCall(string serviceKey) => _factory(Method, serviceKey);

    private static PendingCall Create<T>(MethodDescriptor method, string serviceKey)
        => method.IsAsync ? new AsyncPendingCall<T>(method, serviceKey) : new SyncPendingCall<T>(method, serviceKey);
}
