using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using Bhrpc.Codec;
using Bhrpc.Internal;
using Bhrpc.Invocation;
using Bhrpc.Metadata;
using Bhrpc.Protocol;
using Bhrpc.Reflect;
using Bhrpc.Serialization;
using Microsoft.Extensions.Logging;

namespace Bhrpc.Server.Internal;

/// <summary>
/// Turns request frames into calls: finds the serializer, the service by key and the method by
/// signature, decodes the arguments into the declared types, runs the call off the read loop
/// through the <c>reflect</c> invoker and queues the response. Counts calls in flight for a
/// graceful stop.
/// </summary>
internal sealed partial class ServiceDispatcher
{
    private readonly FrozenDictionary<(string Name, string Version, string Group), ExportedService> _services;
    private readonly IReflectInvoker _invoker;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly int _maxFrameSize;
    private readonly string _serviceList;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private volatile bool _stopping;

    public ServiceDispatcher(IEnumerable<ExportedService> services, IReflectInvoker invoker, SerializerSet serializers, SerializerEntry defaultSerializer, int maxFrameSize, ILogger logger, TimeProvider? clock = null)
    {
        _services = services.ToFrozenDictionary(s => (s.Options.EffectiveServiceName, s.Options.Version, s.Options.Group ?? string.Empty));
        _invoker = invoker;
        foreach (var service in _services.Values)
        {
            service.Invoker = invoker;
        }

        Serializers = serializers;
        DefaultSerializer = defaultSerializer;
        _maxFrameSize = maxFrameSize;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        _serviceList = _services.Count == 0 ? "(none)" : string.Join(", ", _services.Values.Select(s => s.Key).Order(StringComparer.Ordinal));
    }

    public SerializerSet Serializers { get; }

    public SerializerEntry DefaultSerializer { get; }

    /// <summary>The address callers see in messages (set once the server is bound).</summary>
    public string Address { get; set; } = "?";

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>From now on new calls fail fast with <see cref="RpcStatusCode.Unavailable"/>; returns when the calls in flight have finished.</summary>
    public Task BeginStopAsync()
    {
        _stopping = true;
        if (Volatile.Read(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }

        return _drained.Task;
    }

    /// <summary>Runs on the read loop: decodes, resolves, and queues the call; never throws.</summary>
    public void Dispatch(ServerConnection connection, in RpcHeader header, in ReadOnlySequence<byte> body)
    {
        var serializer = Serializers.Find(header.Serializer);
        if (serializer is null)
        {
            // The caller's serializer is unknown, so the failure is written in ours.
            Fail(connection, header.RequestId, DefaultSerializer, RpcStatusCode.Serialization,
                $"unknown serializer '{header.Serializer}' in request {header.RequestId}; this server knows: {Serializers.Known}.");
            return;
        }

        DecodedRequest request;
        try
        {
            request = serializer.Serializer.ReadRequest(body);
        }
        catch (Exception e)
        {
            Fail(connection, header.RequestId, serializer, RpcStatusCode.Serialization, $"request {header.RequestId} could not be decoded with '{serializer.Name}': {e.Message}");
            return;
        }

        var oneway = request.Oneway;
        if (!_services.TryGetValue((request.ClassName, request.Version, request.Group), out var service))
        {
            Reject(connection, header.RequestId, serializer, oneway, RpcStatusCode.ServiceNotFound,
                $"no service {ServiceKey.Build(request.ClassName, request.Version, request.Group)} on {Address}; it exports: {_serviceList}.");
            return;
        }

        if (service.Resolve(request.MethodName, request.ParameterTypes, out var ambiguous) is not { } method)
        {
            var requested = MethodDescriptor.BuildSignature(request.MethodName, request.ParameterTypes);
            Reject(connection, header.RequestId, serializer, oneway, RpcStatusCode.MethodNotFound, ambiguous is null
                ? $"service {service.Key} on {Address} has no method {requested}; its methods: {service.MethodList}."
                : $"service {service.Key} on {Address} has no method {requested}, and ignoring case it matches several: {string.Join(", ", ambiguous)}; call one by its exact name.");
            return;
        }

        object?[] arguments;
        try
        {
            arguments = request.ReadParameters(method.ParameterTypes);
        }
        catch (Exception e)
        {
            Reject(connection, header.RequestId, serializer, oneway, RpcStatusCode.Serialization,
                $"arguments of {service.Key} {method.Signature} could not be decoded: {e.Message}");
            return;
        }

        Interlocked.Increment(ref _inFlight);
        if (_stopping)
        {
            Completed();
            Reject(connection, header.RequestId, serializer, oneway, RpcStatusCode.Unavailable,
                $"server {Address} is stopping; {service.Key} {method.Signature} was not called. Retry on another provider.");
            return;
        }

        CallCancellation? cancellation = null;
        if (method.CancellationTokenIndex >= 0)
        {
            // Only a method that takes a token pays for one; its clock starts now, on receipt.
            if (!TryCallerTimeout(request.Attachments, out var callerTimeout, out var bad))
            {
                Completed();
                Reject(connection, header.RequestId, serializer, oneway, RpcStatusCode.ProtocolError,
                    $"request {header.RequestId} for {service.Key} {method.Signature} has the attachment '{AttachmentKeys.Timeout}' = '{bad}'; expected the milliseconds the caller still waits, a non-negative integer.");
                return;
            }

            cancellation = new CallCancellation(
                connection.ClosedToken,
                callerTimeout,
                service.Timeouts.TryGetValue(method.Method, out var serviceTimeout) ? serviceTimeout : null,
                _clock);
        }

        var call = new Call(this, connection, service, method, request.MethodName, arguments, request.Attachments, serializer, header.RequestId, request.Async, oneway, cancellation);
        ThreadPool.UnsafeQueueUserWorkItem(call, preferLocal: false);
    }

    /// <summary>The caller's remaining time from the <see cref="AttachmentKeys.Timeout"/> attachment; false (with the text) when it is not a count of milliseconds.</summary>
    private static bool TryCallerTimeout(IReadOnlyDictionary<string, string>? attachments, out TimeSpan? timeout, out string? bad)
    {
        timeout = null;
        bad = null;
        if (attachments is null || !attachments.TryGetValue(AttachmentKeys.Timeout, out var text))
        {
            return true;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            bad = text;
            return false;
        }

        // Beyond what a timer can wait (about 49 days) the caller in effect waits forever.
        timeout = milliseconds < CallCancellation.MaxDelay.TotalMilliseconds ? TimeSpan.FromMilliseconds(milliseconds) : null;
        return true;
    }

    private void Completed()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && _stopping)
        {
            _drained.TrySetResult();
        }
    }

    private void Reject(ServerConnection connection, long requestId, SerializerEntry serializer, bool oneway, RpcStatusCode status, string message)
    {
        if (oneway)
        {
            // A oneway caller gets no response, not even a failure.
            Log.OnewayFailed(_logger, message, null);
            return;
        }

        Fail(connection, requestId, serializer, status, message);
    }

    private void Fail(ServerConnection connection, long requestId, SerializerEntry serializer, RpcStatusCode status, string message)
        => SendFailure(connection, requestId, serializer, message, ErrorTypes.For(status));

    /// <summary>
    /// Runs on the read loop for a request whose body is over <c>MaxFrameSize</c>: answers it with
    /// <see cref="RpcStatusCode.FrameTooLarge"/> without decoding it (so even a oneway call is answered).
    /// </summary>
    public void RejectOversized(ServerConnection connection, in RpcHeader header)
    {
        var serializer = Serializers.Find(header.Serializer) ?? DefaultSerializer;
        Log.OversizedRequest(_logger, header.RequestId, header.BodyLength, _maxFrameSize, connection.RemoteAddress);
        Fail(connection, header.RequestId, serializer, RpcStatusCode.FrameTooLarge,
            $"request {header.RequestId} has a body of {header.BodyLength} bytes, over the provider's limit of {_maxFrameSize} bytes (ServerOptions.MaxFrameSize on {Address}); "
            + "the body was discarded. Raise ServerOptions.MaxFrameSize on the provider, or send less.");
    }

    private void SendFailure(ServerConnection connection, long requestId, SerializerEntry serializer, string message, string errorType, bool async = false, IReadOnlyDictionary<string, string>? attachments = null)
    {
        var builder = FrameBuilder.Rent(_maxFrameSize);
        try
        {
            serializer.Serializer.WriteResponse(new RpcResponse { Error = message, ErrorType = errorType, Async = async, Attachments = attachments }, builder);
            connection.TrySend(builder.Complete(MessageType.Response, RpcHeader.StatusFailure, requestId, serializer.PaddedName));
        }
        catch (Exception e)
        {
            builder.Abandon();
            Log.ResponseFailed(_logger, requestId, connection.RemoteAddress, e);
        }
    }

    private void SendResult(ServerConnection connection, long requestId, SerializerEntry serializer, MethodDescriptor method, object? result, bool async, IReadOnlyDictionary<string, string>? attachments = null)
    {
        var builder = FrameBuilder.Rent(_maxFrameSize);
        OutgoingFrame frame;
        try
        {
            serializer.Serializer.WriteResponse(new RpcResponse { Result = result, ResultClrType = method.ResultType, Async = async, Attachments = attachments }, builder);
            frame = builder.Complete(MessageType.Response, RpcHeader.StatusSuccess, requestId, serializer.PaddedName);
        }
        catch (Exception e)
        {
            builder.Abandon();
            var status = e is RpcException { StatusCode: RpcStatusCode.FrameTooLarge } ? RpcStatusCode.FrameTooLarge : RpcStatusCode.Serialization;
            Fail(connection, requestId, serializer, status, $"the result of {method.Signature} could not be written with '{serializer.Name}': {e.Message}");
            return;
        }

        connection.TrySend(frame);
    }

    /// <summary>One call, run on the thread pool.</summary>
    private sealed class Call(
        ServiceDispatcher dispatcher,
        ServerConnection connection,
        ExportedService service,
        MethodDescriptor method,
        string methodName,
        object?[] arguments,
        IReadOnlyDictionary<string, string>? attachments,
        SerializerEntry serializer,
        long requestId,
        bool async,
        bool oneway,
        CallCancellation? cancellation) : IThreadPoolWorkItem
    {
        public void Execute() => _ = service.Chain is null ? RunAsync() : RunChainAsync(service.Chain);

        /// <summary>The exception to answer with: a method that stopped because its token fired answers why it fired.</summary>
        private Exception Outcome(Exception e)
            => e is OperationCanceledException && cancellation is { Token.IsCancellationRequested: true }
                ? cancellation.Failure($"{service.Key} {method.Signature}")
                : e;

        /// <summary>Through the service's filters: the result (value or exception) and the response attachments come from the chain.</summary>
        private async Task RunChainAsync(RpcInvocationDelegate chain)
        {
            try
            {
                var invocation = new RpcInvocation(RpcSide.Provider, service.Key, method, methodName, arguments, dispatcher._clock)
                {
                    RemoteAddress = connection.RemoteAddress,
                    Oneway = oneway,
                };
                if (cancellation is not null)
                {
                    invocation.CancellationToken = cancellation.Token;
                }

                if (attachments is not null)
                {
                    foreach (var (key, value) in attachments)
                    {
                        invocation.Attachments[key] = value;
                    }
                }

                RpcResult result;
                try
                {
                    result = await chain(invocation).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // A filter broke the contract and threw: the caller still gets a failure response.
                    result = RpcResult.FromException(e);
                }

                if (result.Exception is { } failure)
                {
                    var error = Outcome(failure);
                    Log.ServiceThrew(dispatcher._logger, service.Key, method.Signature, error);
                    if (!oneway)
                    {
                        // The service's own exception goes by its type (as without filters); a filter's or the framework's by its status.
                        var byService = ReferenceEquals(error, failure) && ReferenceEquals(failure, invocation.ServiceFailure);
                        var errorType = error is RpcException rpc && !byService ? ErrorTypes.For(rpc.StatusCode) : error.GetType().FullName ?? error.GetType().Name;
                        dispatcher.SendFailure(connection, requestId, serializer, error.Message, errorType, async, invocation.WireResponseAttachments);
                    }
                }
                else if (!oneway)
                {
                    dispatcher.SendResult(connection, requestId, serializer, method, result.Value, async, invocation.WireResponseAttachments);
                }
            }
            finally
            {
                cancellation?.Dispose();
                dispatcher.Completed();
            }
        }

        private async Task RunAsync()
        {
            try
            {
                var returned = dispatcher._invoker.Invoke(service.Options.Implementation, method.Method, method.ToCallArguments(arguments, cancellation?.Token ?? CancellationToken.None));
                var result = await method.AwaitReturnedAsync(returned).ConfigureAwait(false);
                if (!oneway)
                {
                    dispatcher.SendResult(connection, requestId, serializer, method, result, async);
                }
            }
            catch (Exception thrown)
            {
                var e = Outcome(thrown);
                Log.ServiceThrew(dispatcher._logger, service.Key, method.Signature, e);
                if (!oneway)
                {
                    var errorType = e is RpcException rpc && !ReferenceEquals(e, thrown) ? ErrorTypes.For(rpc.StatusCode) : e.GetType().FullName ?? e.GetType().Name;
                    dispatcher.SendFailure(connection, requestId, serializer, e.Message, errorType, async);
                }
            }
            finally
            {
                cancellation?.Dispose();
                dispatcher.Completed();
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.ServiceDispatcher + 0, LogLevel.Warning, "Service {Key} {Signature} threw; the caller gets the exception's type and message")]
        public static partial void ServiceThrew(ILogger logger, string key, string signature, Exception exception);

        [LoggerMessage(LogEventIds.ServiceDispatcher + 1, LogLevel.Warning, "A oneway call failed and no response was sent: {Message}")]
        public static partial void OnewayFailed(ILogger logger, string message, Exception? exception);

        [LoggerMessage(LogEventIds.ServiceDispatcher + 2, LogLevel.Warning, "The response to request {RequestId} for {Remote} could not be written")]
        public static partial void ResponseFailed(ILogger logger, long requestId, string remote, Exception exception);

        [LoggerMessage(LogEventIds.ServiceDispatcher + 3, LogLevel.Warning, "Request {RequestId} from {Remote} has a body of {Length} bytes, over ServerOptions.MaxFrameSize ({Limit} bytes); answered FrameTooLarge")]
        public static partial void OversizedRequest(ILogger logger, long requestId, int length, int limit, string remote);
    }
}
