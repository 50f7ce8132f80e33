using System.Collections.Frozen;
using System.Reflection;
using Bhrpc.Cluster;
using Bhrpc.Codec;
using Bhrpc.Invocation;
using Bhrpc.LoadBalance;
using Bhrpc.Metadata;
using Bhrpc.Protocol;
using Bhrpc.Proxy;
using Bhrpc.Registry;
using Bhrpc.Routing;
using Bhrpc.Serialization;

namespace Bhrpc.Client.Internal;

/// <summary>
/// Behind one proxy: turns each interface call into a request and returns its outcome in the shape the method
/// declares. Two paths:
/// <list type="bullet">
/// <item>The direct path, when the reference has no filters, no routers, the <c>failfast</c> cluster and a load
/// balancer that reads no provider statistics (and the method takes no <see cref="CancellationToken"/>): one provider picked by the load balancer, one attempt, and the
/// pending call's task is the caller's task. Once the providers are known nothing awaits and nothing is allocated
/// beyond the request and its pending call.</item>
/// <item>The pipeline: an <see cref="RpcInvocation"/> runs through the filter chain to the cluster, which makes its
/// attempts through <see cref="Pipeline.ReferenceClusterContext"/>. An attempt's completion runs the pipeline on
/// (from the connection's receive thread, the timeout sweep or the canceller), so the pipeline needs no thread-pool
/// thread; only the caller's own continuation is queued, as on the direct path.</item>
/// </list>
/// A synchronous method does all of it on its caller's thread and waits without a thread-pool thread. Every failure
/// the caller sees is an <see cref="RpcException"/>.
/// </summary>
internal sealed class ReferenceInvoker : IProxyInvocationHandler
{
    private readonly ReferenceOptions _options;
    private readonly FrozenDictionary<MethodInfo, MethodPlan> _plans;
    private readonly SerializerEntry _serializer;
    private readonly ILoadBalancer _loadBalancer;
    private readonly IProviderSource _providers;
    private readonly ConnectionPool _pool;
    private readonly ClientOptions _clientOptions;
    private readonly string _serviceKey;
    private readonly string _sourceIp;
    private readonly IReadOnlyList<IRouter> _routers;
    private readonly RpcInvocationDelegate _pipeline;
    private readonly bool _direct;
    private readonly Action _sweep;
    private volatile ProviderList? _providerCache;

    /// <summary>A reference with its cluster, routers and the builder of its filter chain (given the chain's end, the cluster).</summary>
    public ReferenceInvoker(
        ReferenceOptions options,
        ClientOptions clientOptions,
        SerializerEntry serializer,
        ILoadBalancer loadBalancer,
        IProviderSource providers,
        ConnectionPool pool,
        string sourceIp,
        ICluster cluster,
        IReadOnlyList<IRouter> routers,
        Func<RpcInvocationDelegate, RpcInvocationDelegate> buildChain)
    {
        _options = options;
        _clientOptions = clientOptions;
        _plans = ServiceDescriptor.For(options.Interface).ByMethod.ToFrozenDictionary(p => p.Key, p => new MethodPlan(p.Value, options, clientOptions.TimeProvider));
        _serializer = serializer;
        _loadBalancer = loadBalancer;
        _providers = providers;
        _pool = pool;
        _sweep = pool.ExpireOverdue;
        _serviceKey = options.Key;
        _sourceIp = sourceIp;
        _routers = routers;
        var logger = (clientOptions.LoggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger("Bhrpc.Cluster");
        var context = new Pipeline.ReferenceClusterContext(this, providers, loadBalancer, pool, clientOptions, sourceIp, logger);
        RpcInvocationDelegate terminal = invocation => cluster.InvokeAsync(invocation, context);
        _pipeline = buildChain(terminal);
        _direct = ReferenceEquals(_pipeline, terminal) && routers.Count == 0 && cluster is Cluster.Failfast.FailfastCluster && !loadBalancer.UsesStatistics;
    }

    public string ServiceKey => _serviceKey;

    /// <summary>Whether calls without a <see cref="CancellationToken"/> take the direct path.</summary>
    public bool IsDirect => _direct;

    public ClientOptions ClientOptions => _clientOptions;

    /// <summary>The providers of <paramref name="instances"/> (made once per list the source hands out), narrowed by the routers.</summary>
    public IReadOnlyList<Provider> Route(IReadOnlyList<ServiceInstance> instances, RpcInvocation invocation)
    {
        var providers = ProvidersOf(instances);
        foreach (var router in _routers)
        {
            providers = router.Route(providers, invocation);
        }

        return providers;
    }

    public RpcException NoProvider() => new(RpcStatusCode.NoProvider, $"no provider for {_serviceKey} in {_providers.Description}; start a provider of that service, version and group, or check the registry address.");

    /// <summary>The error of a call its caller cancelled.</summary>
    public static RpcException Cancelled(string context) => new(RpcStatusCode.Cancelled, $"{context}: cancelled by the caller's CancellationToken.");

    public object? Invoke(MethodInfo method, object?[] arguments)
    {
        if (!_plans.TryGetValue(method, out var plan))
        {
            throw new RpcException(RpcStatusCode.MethodNotFound, $"{method} is not a method of {_options.Interface.FullName}.");
        }

        var call = plan.NewCall(_serviceKey);
        if (!_direct || plan.TakesToken)
        {
            StartPipeline(plan, call, arguments);
            return call.ToReturnValue();
        }

        try
        {
            if (_pool.IsDisposed)
            {
                throw ConnectionPool.Disposed(call);
            }

            var providers = _providers.GetAsync(CancellationToken.None);
            if (providers.IsCompletedSuccessfully)
            {
                Start(plan, call, providers.Result, arguments);
            }
            else if (!call.Method.IsAsync)
            {
                // The synchronous adapter, once per service key: this caller waits for the registry's first list.
                Start(plan, call, providers.AsTask().GetAwaiter().GetResult(), arguments);
            }
            else
            {
                _ = StartWhenKnownAsync(providers, plan, call, arguments);
            }
        }
        catch (Exception e)
        {
            call.TrySetException(AsRpcException(e, call.Context));
        }

        return call.ToReturnValue();
    }

    /// <summary>What the caller sees of a failure: an <see cref="RpcException"/>, whatever a component threw.</summary>
    private static RpcException AsRpcException(Exception e, string context) => e as RpcException
        ?? new RpcException(RpcStatusCode.Unknown, $"{context}: the call failed: {e.GetType().Name}: {e.Message}", e);

    private async Task StartWhenKnownAsync(ValueTask<IReadOnlyList<ServiceInstance>> providers, MethodPlan plan, PendingCall call, object?[] arguments)
    {
        try
        {
            Start(plan, call, await providers.ConfigureAwait(false), arguments);
        }
        catch (Exception e)
        {
            call.TrySetException(AsRpcException(e, call.Context));
        }
    }

    /// <summary>Runs the call through the filter chain and the cluster; <paramref name="call"/> only carries the outcome to the caller.</summary>
    private void StartPipeline(MethodPlan plan, PendingCall call, object?[] arguments)
    {
        try
        {
            if (_pool.IsDisposed)
            {
                throw ConnectionPool.Disposed(call);
            }

            var clock = _clientOptions.TimeProvider;
            var method = plan.Method;
            var invocation = new RpcInvocation(RpcSide.Consumer, _serviceKey, method, plan.WireName, method.ToWireArguments(arguments), clock)
            {
                Timeout = plan.Timeout,
                Deadline = plan.TimeoutTicks == long.MaxValue ? long.MaxValue : clock.GetTimestamp() + plan.TimeoutTicks,
                AttemptTimeout = plan.AttemptTimeout,
                Retries = plan.Retries,
                Oneway = plan.Oneway,
                Idempotent = plan.Idempotent,
                CancellationToken = method.CallerToken(arguments),
            };
            if (invocation.CancellationToken.IsCancellationRequested)
            {
                call.TrySetException(Cancelled(call.Context));
                return;
            }

            if (invocation.Deadline != long.MaxValue && !method.IsAsync)
            {
                call.WatchPipeline(clock, invocation.Deadline, _sweep);
            }

            var outcome = _pipeline(invocation);
            if (outcome.IsCompleted)
            {
                Finish(call, outcome.Result);
            }
            else
            {
                _ = FinishAsync(call, outcome);
            }
        }
        catch (Exception e)
        {
            call.TrySetException(AsRpcException(e, call.Context));
        }
    }

    private static async Task FinishAsync(PendingCall call, ValueTask<RpcResult> outcome)
    {
        try
        {
            Finish(call, await outcome.ConfigureAwait(false));
        }
        catch (Exception e)
        {
            call.TrySetException(AsRpcException(e, call.Context));
        }
    }

    private static void Finish(PendingCall call, RpcResult result)
    {
        if (result.IsSuccess)
        {
            call.TrySetResult(result.Value);
        }
        else
        {
            call.TrySetException(AsRpcException(result.Exception!, call.Context));
        }
    }

    /// <summary>
    /// Sends one pipeline attempt on <paramref name="connection"/>, with the attempt's deadline (the call's, or
    /// sooner by <see cref="RpcInvocation.AttemptTimeout"/>); throws, marked as not sent, when it cannot be sent.
    /// </summary>
    public void SendAttempt(ClientConnection connection, Pipeline.AttemptCall call, RpcInvocation invocation)
    {
        call.Address = connection.RemoteAddress;
        var requestId = connection.NextRequestId();
        call.RequestId = requestId;
        var clock = _clientOptions.TimeProvider;
        var deadline = invocation.Deadline;
        var timeout = invocation.Timeout;
        if (invocation.AttemptTimeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            var attempt = clock.GetTimestamp() + (long)(invocation.AttemptTimeout.TotalSeconds * clock.TimestampFrequency);
            if (attempt < deadline)
            {
                deadline = attempt;
                timeout = invocation.AttemptTimeout;
            }
        }

        if (invocation.Method.CancellationTokenIndex >= 0 && deadline != long.MaxValue)
        {
            // The provider's token fires when the caller stops waiting for this attempt.
            var left = clock.GetElapsedTime(clock.GetTimestamp(), deadline);
            invocation.Attachments[AttachmentKeys.Timeout] = Math.Max(1L, (long)Math.Ceiling(left.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var frame = BuildRequest(call, invocation.MethodName, invocation.Arguments, requestId, invocation.Oneway, invocation.WireAttachments);
        if (invocation.Oneway)
        {
            if (!connection.TrySend(frame))
            {
                throw Pipeline.RequestSent.MarkNotSent(connection.ClosedError(call));
            }

            connection.CompleteWhenOpen(call);
            return;
        }

        call.Timeout = timeout;
        call.Deadline = deadline;
        call.Connection = connection;
        try
        {
            connection.AddPending(requestId, call);
        }
        catch (RpcException e)
        {
            throw Pipeline.RequestSent.MarkNotSent(e);
        }

        if (!connection.TrySend(frame))
        {
            connection.RemovePending(requestId);
            throw Pipeline.RequestSent.MarkNotSent(connection.ClosedError(call));
        }
    }

    /// <summary>Picks a provider and sends to it; a connection still opening sends the request once it is open.</summary>
    private void Start(MethodPlan plan, PendingCall call, IReadOnlyList<ServiceInstance> providers, object?[] arguments)
    {
        if (providers.Count == 0)
        {
            throw NoProvider();
        }

        var candidates = Available(ProvidersOf(providers));
        var instance = _loadBalancer.Select(candidates, new LoadBalanceContext(_serviceKey, arguments, _sourceIp, null)).Instance;
        Send(_pool.Get(instance.Host, instance.Port, call), plan, call, arguments);
    }

    /// <summary>
    /// The providers as the load balancer sees them, made once per list the provider source hands out (a registry
    /// pushes a new list object on every change), each with its address's shared statistics.
    /// </summary>
    private IReadOnlyList<Provider> ProvidersOf(IReadOnlyList<ServiceInstance> instances)
    {
        var cached = _providerCache;
        if (cached is not null && ReferenceEquals(cached.Instances, instances))
        {
            return cached.Providers;
        }

        var made = new ProviderList(instances, [.. instances.Select(i => new Provider(i, _pool.Stats.For(i.Address)))]);
        _providerCache = made;
        return made.Providers;
    }

    /// <summary>The available providers (not ejected, not going away), or all of them when none is; allocates only when some are not.</summary>
    private static IReadOnlyList<Provider> Available(IReadOnlyList<Provider> all)
    {
        var available = 0;
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Stats.IsAvailable)
            {
                available++;
            }
        }

        return available == all.Count || available == 0 ? all : [.. all.Where(p => p.Stats.IsAvailable)];
    }

    private void Send(ClientConnection connection, MethodPlan plan, PendingCall call, object?[] arguments)
    {
        call.Address = connection.RemoteAddress;
        var requestId = connection.NextRequestId();
        call.RequestId = requestId;
        var frame = BuildRequest(call, plan.WireName, arguments, requestId, plan.Oneway, null);
        if (plan.Oneway)
        {
            if (!connection.TrySend(frame))
            {
                throw connection.ClosedError(call);
            }

            connection.CompleteWhenOpen(call);
            return;
        }

        call.Timeout = plan.Timeout;
        call.Deadline = plan.TimeoutTicks == long.MaxValue ? long.MaxValue : _clientOptions.TimeProvider.GetTimestamp() + plan.TimeoutTicks;
        call.Connection = connection;
        connection.AddPending(requestId, call);
        if (!connection.TrySend(frame))
        {
            connection.RemovePending(requestId);
            throw connection.ClosedError(call);
        }
    }

    /// <summary>The request frame of <paramref name="call"/>; its <see cref="PendingCall.Context"/> (a string made on each read) only for an error.</summary>
    private OutgoingFrame BuildRequest(PendingCall call, string wireName, object?[] arguments, long requestId, bool oneway, IReadOnlyDictionary<string, string>? attachments)
    {
        var method = call.Method;
        var request = new RpcRequest
        {
            ClassName = _options.EffectiveServiceName,
            MethodName = wireName,
            ParameterTypes = method.PortableParameterTypes,
            Parameters = arguments,
            ParameterClrTypes = method.ParameterTypes,
            Version = _options.Version,
            Group = _options.Group,
            Async = method.IsAsync,
            Oneway = oneway,
            Attachments = attachments,
        };
        var builder = FrameBuilder.Rent(_clientOptions.MaxFrameSize);
        try
        {
            _serializer.Serializer.WriteRequest(request, builder);
            return builder.Complete(MessageType.Request, RpcHeader.StatusFailure, requestId, _serializer.PaddedName);
        }
        catch (RpcException)
        {
            builder.Abandon();
            throw;
        }
        catch (Exception e)
        {
            builder.Abandon();
            throw new RpcException(RpcStatusCode.Serialization, $"{call.Context}: the arguments could not be written with '{_serializer.Name}': {e.Message}", e);
        }
    }

    private sealed record ProviderList(IReadOnlyList<ServiceInstance> Instances, IReadOnlyList<Provider> Providers);
}
