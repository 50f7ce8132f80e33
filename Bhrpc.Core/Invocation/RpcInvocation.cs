using Bhrpc.Metadata;

namespace Bhrpc.Invocation;

/// <summary>
/// One call as it flows through the pipeline: the service key, the method, the arguments on the wire, the
/// attachments both ways, the deadline and the caller's cancellation. Made once per call (not per attempt); a
/// cluster's attempts share it, and so share its <see cref="Deadline"/>.
/// </summary>
public sealed class RpcInvocation
{
    private Dictionary<string, string>? _attachments;
    private Dictionary<string, string>? _responseAttachments;

    /// <summary>Makes an invocation; <paramref name="arguments"/> are the wire arguments (no <see cref="CancellationToken"/>).</summary>
    public RpcInvocation(RpcSide side, string serviceKey, MethodDescriptor method, string methodName, object?[] arguments, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(serviceKey);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(methodName);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(clock);
        Side = side;
        ServiceKey = serviceKey;
        Method = method;
        MethodName = methodName;
        Arguments = arguments;
        Clock = clock;
    }

    /// <summary>Which side's pipeline this invocation is in.</summary>
    public RpcSide Side { get; }

    /// <summary><c>{serviceName}#{version}#{group}</c>.</summary>
    public string ServiceKey { get; }

    /// <summary>The interface method.</summary>
    public MethodDescriptor Method { get; }

    /// <summary>The method's name on the wire.</summary>
    public string MethodName { get; }

    /// <summary>The arguments on the wire (the method's <see cref="CancellationToken"/>, if any, is not among them).</summary>
    public object?[] Arguments { get; }

    /// <summary>The clock <see cref="Deadline"/> is measured on.</summary>
    public TimeProvider Clock { get; }

    /// <summary>
    /// The <see cref="TimeProvider.GetTimestamp"/> value after which the call has failed with
    /// <see cref="RpcStatusCode.Timeout"/>; <see cref="long.MaxValue"/> for none. Every attempt shares it.
    /// </summary>
    public long Deadline { get; set; } = long.MaxValue;

    /// <summary>The timeout the deadline was made from (for messages); <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan Timeout { get; set; } = System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>
    /// Consumer: the longest one attempt may wait for its response before the cluster may try another provider
    /// (never past <see cref="Deadline"/>); <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>: until the deadline.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>Consumer: the caller's token (the method's <see cref="CancellationToken"/> argument). Provider: fires at the caller's deadline or when the connection closes.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>No response is expected.</summary>
    public bool Oneway { get; set; }

    /// <summary>Whether a timeout or a remote failure may be retried (the method is idempotent).</summary>
    public bool Idempotent { get; set; }

    /// <summary>Consumer: how many more attempts a retrying cluster may make after the first. Default 0.</summary>
    public int Retries { get; set; }

    /// <summary>Consumer: the provider the current attempt went to. Provider: the caller's address.</summary>
    public string? RemoteAddress { get; set; }

    /// <summary>Whether there are request attachments (reading <see cref="Attachments"/> would allocate them).</summary>
    public bool HasAttachments => _attachments is { Count: > 0 };

    /// <summary>The request's attachments: sent with the request (only when there are some), read by the provider's filters.</summary>
    public IDictionary<string, string> Attachments => _attachments ??= new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether there are response attachments.</summary>
    public bool HasResponseAttachments => _responseAttachments is { Count: > 0 };

    /// <summary>The response's attachments: set by the provider's filters, sent back with the response, readable by the consumer's filters.</summary>
    public IDictionary<string, string> ResponseAttachments => _responseAttachments ??= new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The request attachments to put on the wire, or null when there are none.</summary>
    public IReadOnlyDictionary<string, string>? WireAttachments => _attachments is { Count: > 0 } a ? a : null;

    /// <summary>
    /// Provider side: what the service method itself threw (set by the chain's terminal), so the dispatcher answers
    /// it as the service's error (its type name) rather than as a framework status, even when it is an
    /// <see cref="RpcException"/> the service got from a call of its own.
    /// </summary>
    internal Exception? ServiceFailure { get; set; }

    /// <summary>The response attachments to put on the wire, or null when there are none.</summary>
    public IReadOnlyDictionary<string, string>? WireResponseAttachments => _responseAttachments is { Count: > 0 } a ? a : null;

    /// <summary>The time left before <see cref="Deadline"/> (zero when passed); <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> when there is none.</summary>
    public TimeSpan Remaining()
        => Deadline == long.MaxValue ? System.Threading.Timeout.InfiniteTimeSpan : Clock.GetElapsedTime(Clock.GetTimestamp(), Deadline) is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>For messages: <c>{serviceKey} {signature}</c>, plus <c> at {address}</c> when known.</summary>
    public string Context => RemoteAddress is null ? $"{ServiceKey} {Method.Signature}" : $"{ServiceKey} {Method.Signature} at {RemoteAddress}";
}
