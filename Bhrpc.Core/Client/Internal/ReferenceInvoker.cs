using System.Collections.Frozen;
using System.Reflection;
using Bhrpc.Codec;
using Bhrpc.LoadBalance;
using Bhrpc.Metadata;
using Bhrpc.Protocol;
using Bhrpc.Proxy;
using Bhrpc.Registry;
using Bhrpc.Serialization;

namespace Bhrpc.Client.Internal;

/// <summary>
/// Behind one proxy: turns each interface call into a request to a provider picked by the load
/// balancer and returns the pending call's task in the shape the method declares. Oneway calls
/// complete once queued. Once the providers are known nothing awaits (a new connection queues the
/// request while it connects) and nothing is allocated beyond the request and its pending call;
/// a synchronous method does all of it on its caller's thread and needs no thread-pool thread.
/// Every failure the caller sees is an <see cref="RpcException"/>.
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
    private readonly long _timeoutTicks;
    private volatile ProviderList? _providerCache;

    public ReferenceInvoker(ReferenceOptions options, ClientOptions clientOptions, SerializerEntry serializer, ILoadBalancer loadBalancer, IProviderSource providers, ConnectionPool pool, string sourceIp)
    {
        _options = options;
        _clientOptions = clientOptions;
        _plans = ServiceDescriptor.For(options.Interface).ByMethod.ToFrozenDictionary(p => p.Key, p => new MethodPlan(p.Value));
        _serializer = serializer;
        _loadBalancer = loadBalancer;
        _providers = providers;
        _pool = pool;
        _serviceKey = options.Key;
        _sourceIp = sourceIp;
        _timeoutTicks = options.Timeout == Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : (long)(options.Timeout.TotalSeconds * clientOptions.TimeProvider.TimestampFrequency);
    }

    public object? Invoke(MethodInfo method, object?[] arguments)
    {
        if (!_plans.TryGetValue(method, out var plan))
        {
            throw new RpcException(RpcStatusCode.MethodNotFound, $"{method} is not a method of {_options.Interface.FullName}.");
        }

        var call = plan.NewCall(_serviceKey);
        try
        {
            if (_pool.IsDisposed)
            {
                throw ConnectionPool.Disposed(call);
            }

            var providers = _providers.GetAsync(CancellationToken.None);
            if (providers.IsCompletedSuccessfully)
            {
                Start(call, providers.Result, arguments);
            }
            else if (!call.Method.IsAsync)
            {
                // The synchronous adapter, once per service key: this caller waits for the registry's first list.
                Start(call, providers.AsTask().GetAwaiter().GetResult(), arguments);
            }
            else
            {
                _ = StartWhenKnownAsync(providers, call, arguments);
            }
        }
        catch (Exception e)
        {
            call.TrySetException(AsRpcException(e, call));
        }

        return call.ToReturnValue();
    }

    /// <summary>What the caller sees of a failure: an <see cref="RpcException"/>, whatever a component threw.</summary>
    private static RpcException AsRpcException(Exception e, PendingCall call) => e as RpcException
        ?? new RpcException(RpcStatusCode.Unknown, $"{call.Context}: the call failed before it was sent: {e.GetType().Name}: {e.Message}", e);

    private async Task StartWhenKnownAsync(ValueTask<IReadOnlyList<ServiceInstance>> providers, PendingCall call, object?[] arguments)
    {
        try
        {
            Start(call, await providers.ConfigureAwait(false), arguments);
        }
        catch (Exception e)
        {
            call.TrySetException(AsRpcException(e, call));
        }
    }

    /// <summary>Picks a provider and sends to it; a connection still opening sends the request once it is open.</summary>
    private void Start(PendingCall call, IReadOnlyList<ServiceInstance> providers, object?[] arguments)
    {
        if (providers.Count == 0)
        {
            throw new RpcException(RpcStatusCode.NoProvider, $"no provider for {_serviceKey} in {_providers.Description}; start a provider of that service, version and group, or check the registry address.");
        }

        var candidates = ProvidersOf(providers);
        var hash = arguments.Length > 0 ? StableHash.Of(arguments[0]) : StableHash.OfString(_serviceKey);
        var instance = _loadBalancer.Select(candidates, new LoadBalanceContext(_serviceKey, hash, _sourceIp)).Instance;
        Send(_pool.Get(instance.Host, instance.Port, call), call, arguments);
    }

    /// <summary>
    /// The providers as the load balancer sees them, made once per list the provider source hands out (a registry
    /// pushes a new list object on every change), each with its address's shared statistics.
    /// </summary>
    private IReadOnlyList<Cluster.Provider> ProvidersOf(IReadOnlyList<ServiceInstance> instances)
    {
        var cached = _providerCache;
        if (cached is not null && ReferenceEquals(cached.Instances, instances))
        {
            return cached.Providers;
        }

        var made = new ProviderList(instances, [.. instances.Select(i => new Cluster.Provider(i, _pool.Stats.For(i.Address)))]);
        _providerCache = made;
        return made.Providers;
    }

    private void Send(ClientConnection connection, PendingCall call, object?[] arguments)
    {
        call.Address = connection.RemoteAddress;
        var requestId = connection.NextRequestId();
        call.RequestId = requestId;
        var frame = BuildRequest(call, arguments, requestId);
        if (_options.Oneway)
        {
            if (!connection.TrySend(frame))
            {
                throw connection.ClosedError(call);
            }

            connection.CompleteWhenOpen(call);
            return;
        }

        call.Timeout = _options.Timeout;
        call.Deadline = _timeoutTicks == long.MaxValue ? long.MaxValue : _clientOptions.TimeProvider.GetTimestamp() + _timeoutTicks;
        call.Connection = connection;
        connection.AddPending(requestId, call);
        if (!connection.TrySend(frame))
        {
            connection.RemovePending(requestId);
            throw connection.ClosedError(call);
        }
    }

    private OutgoingFrame BuildRequest(PendingCall call, object?[] arguments, long requestId)
    {
        var method = call.Method;
        var request = new RpcRequest
        {
            ClassName = _options.EffectiveServiceName,
            MethodName = method.NameFor(_options.MethodNaming),
            ParameterTypes = method.PortableParameterTypes,
            Parameters = arguments,
            ParameterClrTypes = method.ParameterTypes,
            Version = _options.Version,
            Group = _options.Group,
            Async = method.IsAsync,
            Oneway = _options.Oneway,
        };
        var builder = new FrameBuilder(_clientOptions.MaxFrameSize);
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

    private sealed record ProviderList(IReadOnlyList<ServiceInstance> Instances, IReadOnlyList<Cluster.Provider> Providers);
}
