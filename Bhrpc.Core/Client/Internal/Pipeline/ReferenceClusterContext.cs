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
        return _loadBalancer.Select(candidates, new LoadBalanceContext(ServiceKey, ReferenceInvoker.HashOf(invocation.Arguments, ServiceKey), _sourceIp, invocation));
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

    public override async ValueTask<RpcResult> InvokeAsync(Provider provider, RpcInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(invocation);
        var call = new AttemptCall(invocation.Method, ServiceKey);
        if (invocation.CancellationToken.IsCancellationRequested)
        {
            return RpcResult.FromException(ReferenceInvoker.Cancelled(call.Context));
        }

        var started = provider.Stats.Begin();
        ClientConnection? connection = null;
        var registration = default(CancellationTokenRegistration);
        try
        {
            connection = _pool.Get(provider.Instance.Host, provider.Instance.Port, call);
            invocation.RemoteAddress = connection.RemoteAddress;
            _invoker.SendAttempt(connection, call, invocation);
            if (invocation.CancellationToken.CanBeCanceled && !invocation.Oneway)
            {
                registration = invocation.CancellationToken.UnsafeRegister(static state => ((AttemptCall)state!).Cancel(), call);
            }

            var value = await call.Task.ConfigureAwait(false);
            if (call.ResponseAttachments is { } attachments)
            {
                foreach (var (key, text) in attachments)
                {
                    invocation.ResponseAttachments[key] = text;
                }
            }

            provider.Stats.End(started, failed: false);
            return RpcResult.FromValue(value);
        }
        catch (Exception e)
        {
            var error = e as RpcException ?? new RpcException(RpcStatusCode.Unknown, $"{call.Context}: {e.GetType().Name}: {e.Message}", e);
            if (error.StatusCode == RpcStatusCode.ConnectionClosed && connection is not null && !connection.WasConnected)
            {
                // The connection never opened: nothing of this request reached the provider.
                RequestSent.MarkNotSent(error);
            }

            var transport = error.StatusCode is RpcStatusCode.ConnectionClosed or RpcStatusCode.Timeout;
            provider.Stats.End(started, failed: transport);
            if (transport && connection is { WasConnected: true })
            {
                // A failed connect was ejected by the pool already; these are timeouts and lost connections.
                _pool.EjectIfFailing(provider.Stats);
            }

            return RpcResult.FromException(error);
        }
        finally
        {
            registration.Dispose();
        }
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
