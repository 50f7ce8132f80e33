using System.Collections.Frozen;
using System.Reflection;
using Bhrpc.Codec;
using Bhrpc.LoadBalance;
using Bhrpc.Metadata;
using Bhrpc.Protocol;
using Bhrpc.Proxy;
using Bhrpc.Serialization;

namespace Bhrpc.Client.Internal;

/// <summary>
/// Behind one proxy: turns each interface call into a request to a provider picked by the load
/// balancer and returns the pending call's task in the shape the method declares. Oneway calls
/// complete once queued. On the common path (providers known, connection open) nothing awaits
/// and nothing is allocated beyond the request and its pending call.
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
            var start = StartAsync(call, arguments);
            if (!start.IsCompletedSuccessfully)
            {
                _ = FinishStartAsync(start, call);
            }
        }
        catch (Exception e)
        {
            call.TrySetException(e);
        }

        return call.ToReturnValue();
    }

    private static async Task FinishStartAsync(ValueTask start, PendingCall call)
    {
        try
        {
            await start.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            call.TrySetException(e);
        }
    }

    /// <summary>Picks a provider, gets its connection and sends; completes synchronously when both are at hand.</summary>
    private async ValueTask StartAsync(PendingCall call, object?[] arguments)
    {
        var providersTask = _providers.GetAsync(CancellationToken.None);
        var providers = providersTask.IsCompletedSuccessfully ? providersTask.Result : await providersTask.ConfigureAwait(false);
        if (providers.Count == 0)
        {
            throw new RpcException(RpcStatusCode.NoProvider, $"no provider for {_serviceKey} in {_providers.Description}; start a provider of that service, version and group, or check the registry address.");
        }

        var hash = arguments.Length > 0 && arguments[0] is { } first ? first.GetHashCode() : _serviceKey.GetHashCode(StringComparison.Ordinal);
        var instance = _loadBalancer.Select(providers, new LoadBalanceContext(_serviceKey, hash, _sourceIp));
        var connectionTask = _pool.GetAsync(instance.Host, instance.Port, call);
        var connection = connectionTask.IsCompletedSuccessfully ? connectionTask.Result : await connectionTask.ConfigureAwait(false);
        Send(connection, call, arguments);
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

            call.TrySetResult(null);
            return;
        }

        call.Timeout = _options.Timeout;
        call.Deadline = _timeoutTicks == long.MaxValue ? long.MaxValue : _clientOptions.TimeProvider.GetTimestamp() + _timeoutTicks;
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
}
