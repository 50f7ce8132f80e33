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
/// balancer, waits for the response within the timeout (or not at all for oneway calls), and
/// returns the result in the shape the method declares. Synchronous methods block only their caller.
/// </summary>
internal sealed class ReferenceInvoker : IProxyInvocationHandler
{
    private readonly ReferenceOptions _options;
    private readonly ServiceDescriptor _descriptor;
    private readonly SerializerEntry _serializer;
    private readonly ILoadBalancer _loadBalancer;
    private readonly IProviderSource _providers;
    private readonly ConnectionPool _pool;
    private readonly ClientOptions _clientOptions;
    private readonly string _serviceKey;
    private readonly string _sourceIp;

    public ReferenceInvoker(ReferenceOptions options, ClientOptions clientOptions, SerializerEntry serializer, ILoadBalancer loadBalancer, IProviderSource providers, ConnectionPool pool, string sourceIp)
    {
        _options = options;
        _clientOptions = clientOptions;
        _descriptor = ServiceDescriptor.For(options.Interface);
        _serializer = serializer;
        _loadBalancer = loadBalancer;
        _providers = providers;
        _pool = pool;
        _serviceKey = options.Key;
        _sourceIp = sourceIp;
    }

    public object? Invoke(MethodInfo method, object?[] arguments)
    {
        if (!_descriptor.ByMethod.TryGetValue(method, out var descriptor))
        {
            throw new RpcException(RpcStatusCode.MethodNotFound, $"{method} is not a method of {_options.Interface.FullName}.");
        }

        if (descriptor.IsAsync)
        {
            return descriptor.FromCall(CallAsync(descriptor, arguments));
        }

        // The synchronous adapter: only this caller's thread waits.
        return descriptor.FromResult(CallAsync(descriptor, arguments).GetAwaiter().GetResult());
    }

    private async Task<object?> CallAsync(MethodDescriptor method, object?[] arguments)
    {
        var context = $"{_serviceKey} {method.Signature}";
        var providers = await _providers.GetAsync(CancellationToken.None).ConfigureAwait(false);
        if (providers.Count == 0)
        {
            throw new RpcException(RpcStatusCode.NoProvider, $"no provider for {_serviceKey} in {_providers.Description}; start a provider of that service, version and group, or check the registry address.");
        }

        var hash = arguments.Length > 0 && arguments[0] is { } first ? first.GetHashCode() : _serviceKey.GetHashCode(StringComparison.Ordinal);
        var instance = _loadBalancer.Select(providers, new LoadBalanceContext(_serviceKey, hash, _sourceIp));
        context = $"{context} at {instance.Address}";
        var connection = await _pool.GetAsync(instance.Host, instance.Port, context).ConfigureAwait(false);

        var requestId = connection.NextRequestId();
        var frame = BuildRequest(method, arguments, requestId, context);
        if (_options.Oneway)
        {
            if (!connection.TrySend(frame))
            {
                throw connection.ClosedError(context);
            }

            return null;
        }

        var pending = new PendingCall(method.ResultType, context);
        connection.AddPending(requestId, pending);
        if (!connection.TrySend(frame))
        {
            connection.RemovePending(requestId);
            throw connection.ClosedError(context);
        }

        if (_options.Timeout == Timeout.InfiniteTimeSpan)
        {
            return await pending.Task.ConfigureAwait(false);
        }

        try
        {
            return await pending.Task.WaitAsync(_options.Timeout, _clientOptions.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Remove the entry so a late response is dropped and nothing leaks.
            connection.RemovePending(requestId);
            throw new RpcException(RpcStatusCode.Timeout, $"{context}: no response within {_options.Timeout.TotalMilliseconds:F0} ms (request {requestId}); raise ReferenceOptions.Timeout if the call is expected to take longer.");
        }
    }

    private OutgoingFrame BuildRequest(MethodDescriptor method, object?[] arguments, long requestId, string context)
    {
        var request = new RpcRequest
        {
            ClassName = _options.EffectiveServiceName,
            MethodName = method.Name,
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
            throw new RpcException(RpcStatusCode.Serialization, $"{context}: the arguments could not be written with '{_serializer.Name}': {e.Message}", e);
        }
    }
}
