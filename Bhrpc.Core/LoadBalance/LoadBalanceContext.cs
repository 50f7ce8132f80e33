using Bhrpc.Invocation;

namespace Bhrpc.LoadBalance;

/// <summary>
/// What a load balancer may use to pick. The call's hash is computed when a balancer reads
/// <see cref="HashCode"/>, so balancers that do not hash (random, round-robin, least-active...) never pay for it
/// (hashing an object argument formats it).
/// </summary>
public readonly struct LoadBalanceContext
{
    private readonly object?[]? _arguments;
    private readonly int _hashCode;

    /// <summary>A context with a hash already known.</summary>
    /// <param name="serviceKey">The service key.</param>
    /// <param name="hashCode">The call's hash (see <see cref="HashCode"/>).</param>
    /// <param name="sourceIp">The consumer's IPv4 address.</param>
    /// <param name="invocation">The call, when it goes through the pipeline; null on the direct path.</param>
    public LoadBalanceContext(string serviceKey, int hashCode, string sourceIp, RpcInvocation? invocation = null)
    {
        ServiceKey = serviceKey;
        _hashCode = hashCode;
        SourceIp = sourceIp;
        Invocation = invocation;
    }

    /// <summary>A context whose hash is computed from <paramref name="arguments"/> when read.</summary>
    internal LoadBalanceContext(string serviceKey, object?[] arguments, string sourceIp, RpcInvocation? invocation)
    {
        ServiceKey = serviceKey;
        _arguments = arguments;
        SourceIp = sourceIp;
        Invocation = invocation;
    }

    /// <summary>The service key.</summary>
    public string ServiceKey { get; }

    /// <summary>
    /// The call's hash, the same in every process: <see cref="StableHash.Of"/> of the first argument, else of the
    /// service key. Computed on each read when the context was made from the arguments: read it once.
    /// </summary>
    public int HashCode => _arguments is null ? _hashCode : Of(_arguments, ServiceKey);

    /// <summary>The consumer's IPv4 address.</summary>
    public string SourceIp { get; }

    /// <summary>
    /// The call, when it goes through the pipeline; null on the direct path (no filters, no routers, one attempt),
    /// which makes no invocation object.
    /// </summary>
    public RpcInvocation? Invocation { get; }

    /// <summary>The hash the hash-based load balancers use: of the first argument, stable across processes; of the service key without one.</summary>
    internal static int Of(object?[] arguments, string serviceKey) => arguments.Length > 0 ? StableHash.Of(arguments[0]) : StableHash.OfString(serviceKey);
}
