using Bhrpc.Invocation;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Cluster;

/// <summary>
/// What a cluster works with, one per reference: the providers after the routers, the load balancer's pick, one
/// attempt at a provider, and the rule that says which failures are safe to retry.
/// </summary>
public abstract class ClusterContext
{
    /// <summary>The reference's service key.</summary>
    public abstract string ServiceKey { get; }

    /// <summary>The client's clock.</summary>
    public abstract TimeProvider TimeProvider { get; }

    /// <summary>The reference's logger.</summary>
    public abstract ILogger Logger { get; }

    /// <summary>
    /// The providers this invocation may go to: discovered, then narrowed by the router chain. Ejected and
    /// going-away providers stay in the list (<see cref="Select"/> skips them). Fails with
    /// <see cref="RpcStatusCode.NoProvider"/> (as a result) when none is left.
    /// </summary>
    public abstract ValueTask<IReadOnlyList<Provider>> RouteAsync(RpcInvocation invocation);

    /// <summary>
    /// The load balancer's pick among <paramref name="providers"/>, skipping those in <paramref name="excluded"/> and
    /// those not <see cref="ProviderStats.IsAvailable"/>; when that leaves none, it picks among the excluded or
    /// unavailable ones rather than fail. Null only when <paramref name="providers"/> is empty.
    /// </summary>
    public abstract Provider? Select(RpcInvocation invocation, IReadOnlyList<Provider> providers, IReadOnlyCollection<Provider>? excluded);

    /// <summary>
    /// One attempt at <paramref name="provider"/>: connects if needed, sends, waits for the response until the
    /// attempt's timeout (never past the invocation's deadline) and feeds the provider's statistics (and ejects an
    /// address that refuses connections). Never throws: a failure is an <see cref="RpcResult.FromException"/>
    /// with an <see cref="RpcException"/> saying whether the request was sent.
    /// </summary>
    public abstract ValueTask<RpcResult> InvokeAsync(Provider provider, RpcInvocation invocation);

    /// <summary>
    /// Whether <paramref name="error"/> may be retried on another provider: always when the request never reached a
    /// provider (connect refused, closed before sending, <see cref="RpcStatusCode.Unavailable"/> from a stopping
    /// server, no provider); a timeout, a connection lost after sending or a remote failure only when the
    /// invocation is <see cref="RpcInvocation.Idempotent"/>; never once the deadline has passed or the caller cancelled.
    /// </summary>
    public abstract bool CanRetry(RpcInvocation invocation, Exception error);
}
