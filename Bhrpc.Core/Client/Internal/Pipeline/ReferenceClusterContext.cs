using Bhrpc.Cluster;
using Bhrpc.Invocation;
using Bhrpc.LoadBalance;
using Bhrpc.Registry;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Client.Internal.Pipeline;

/// <summary>The cluster context of one reference: its providers, load balancer, connection pool and retry rule.</summary>
internal sealed class ReferenceClusterContext : ClusterContext
{
    private readonly ReferenceInvoker _invoker;
    private readonly IProviderSource _providers;
    private readonly ILoadBalancer _loadBalancer;
    private readonly ConnectionPool _pool;
    private readonly ClientOptions _clientOptions;
    private readonly string _sourceIp;

    public ReferenceClusterContext(ReferenceInvoker invoker, IProviderSource providers, ILoadBalancer loadBalancer, ConnectionPool pool, ClientOptions clientOptions, string sourceIp, ILogger logger)
    {
        _invoker = invoker;
        _providers = providers;
        _loadBalancer = loadBalancer;
        _pool = pool;
        _clientOptions = clientOptions;
        _sourceIp = sourceIp;
        Logger = logger;
    }

    public override string ServiceKey => _invoker.ServiceKey;

    public override TimeProvider TimeProvider => _clientOptions.TimeProvider;

    public override ILogger Logger { get; }

    public override async ValueTask<IReadOnlyList<Provider>> RouteAsync(RpcInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var pending = _providers.GetAsync(invocation.CancellationToken);
        var instances = pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
        if (instances.Count == 0)
        {
            throw _invoker.NoProvider();
        }

        var providers = _invoker.Route(instances, invocation);
        if (providers.Count == 0)
        {
            throw new RpcException(RpcStatusCode.NoProvider, $"{invocation.Context}: the routers left none of the {instances.Count} providers in {_providers.Description}; check the reference's router rules and the providers' tags.");
        }

        return providers;
    }

    public override Provider? Select(RpcInvocation invocation, IReadOnlyList<Provider> providers, IReadOnlyCollection<Provider>? excluded)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(providers);
        if (providers.Count == 0)
        {
            return null;
        }

        var candidates = Candidates(providers, excluded);
        return _loadBalancer.Select(candidates, new LoadBalanceContext(ServiceKey, invocation.Arguments, _sourceIp, invocation));
    }

    /// <summary>The available providers not tried yet; else those not tried yet; else all (a retry on a tried one beats failing).</summary>
    private static IReadOnlyList<Provider> Candidates(IReadOnlyList<Provider> providers, IReadOnlyCollection<Provider>? excluded)
    {
        var fit = 0;
        for (var i = 0; i < providers.Count; i++)
        {
            if (providers[i].Stats.IsAvailable && (excluded is null || !excluded.Contains(providers[i])))
            {
                fit++;
            }
        }

        if (fit == providers.Count)
        {
            return providers;
        }

        if (fit > 0)
        {
            return [.. providers.Where(p => p.Stats.IsAvailable && (excluded is null || !excluded.Contains(p)))];
        }

        var untried = excluded is null ? providers : [.. providers.Where(p => !excluded.Contains(p))];
        return untried.Count > 0 ? untried : providers;
    }

    public override ValueTask<RpcResult> InvokeAsync(Provider provider, RpcInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(invocation);
        if (invocation.CancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromResult(RpcResult.FromException(ReferenceInvoker.Cancelled(invocation.Context)));
        }

        var call = new AttemptCall(invocation, ServiceKey, provider, _pool);
        try
        {
            var connection = _pool.Get(provider.Instance.Host, provider.Instance.Port, call);
            call.Connection = connection;
            invocation.RemoteAddress = connection.RemoteAddress;
            _invoker.SendAttempt(connection, call, invocation);
            if (invocation.CancellationToken.CanBeCanceled && !invocation.Oneway)
            {
                call.CancelWith(invocation.CancellationToken);
            }
        }
        catch (Exception e)
        {
            // Not sent (marked so by SendAttempt) or failed before: unless a close failed the call first, this is its outcome.
            call.TrySetException(e);
        }

        return call.Outcome;
    }

    public override bool CanRetry(RpcInvocation invocation, Exception error)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(error);
        if (invocation.CancellationToken.IsCancellationRequested || invocation.Remaining() == TimeSpan.Zero)
        {
            return false;
        }

        if (RequestSent.WasNotSent(error) || error is RpcException { StatusCode: RpcStatusCode.NoProvider or RpcStatusCode.Unavailable })
        {
            return true;
        }

        return invocation.Idempotent && error is RpcException { StatusCode: not RpcStatusCode.Configuration and not RpcStatusCode.Cancelled and not RpcStatusCode.Serialization };
    }
}
