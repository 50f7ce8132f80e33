namespace Bhrpc.Server.Internal;

/// <summary>
/// The <see cref="CancellationToken"/> a provider method gets: it fires at the caller's deadline (the request's
/// <c>timeout</c> attachment, measured from receipt), at the service's per-method timeout, or when the connection
/// closes, whichever comes first. Made only for methods that take a token; disposed when the call ends.
/// </summary>
internal sealed class CallCancellation : IDisposable
{
    /// <summary>The longest delay a timer takes; a longer timeout never fires.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _connectionClosed;
    private readonly TimeSpan? _callerTimeout;
    private readonly TimeSpan? _serviceTimeout;
    private readonly CancellationTokenRegistration _registration;

    /// <summary>Starts the clock now (on receipt of the request).</summary>
    public CallCancellation(CancellationToken connectionClosed, TimeSpan? callerTimeout, TimeSpan? serviceTimeout, TimeProvider clock)
    {
        _connectionClosed = connectionClosed;
        _callerTimeout = callerTimeout;
        _serviceTimeout = serviceTimeout;
        _source = Limit is { } limit && limit < MaxDelay ? new CancellationTokenSource(limit, clock) : new CancellationTokenSource();

        // Fires at once when the connection has already closed.
        _registration = connectionClosed.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _source);
    }

    /// <summary>The method's token.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The earlier of the two timeouts; null when there is neither.</summary>
    public TimeSpan? Limit => (_callerTimeout, _serviceTimeout) switch
    {
        ({ } caller, { } service) => caller <= service ? caller : service,
        ({ } caller, null) => caller,
        (null, { } service) => service,
        _ => null,
    };

    /// <summary>
    /// What a method that stopped on its fired token answers: <see cref="RpcStatusCode.Timeout"/> when a timeout fired
    /// it, <see cref="RpcStatusCode.Cancelled"/> when the connection closed (nobody hears that one).
    /// </summary>
    public RpcException Failure(string context)
    {
        if (_connectionClosed.IsCancellationRequested)
        {
            return new RpcException(RpcStatusCode.Cancelled, $"{context} was cancelled on the provider: the caller's connection closed.");
        }

        return _callerTimeout is { } caller && (_serviceTimeout is not { } bound || caller <= bound)
            ? new RpcException(RpcStatusCode.Timeout, $"{context} was cancelled on the provider: the caller's deadline ({caller.TotalMilliseconds:0} ms after the request arrived) passed.")
            : new RpcException(RpcStatusCode.Timeout, $"{context} was cancelled on the provider: it ran past its service timeout of {_serviceTimeout!.Value.TotalMilliseconds:0} ms (ServiceOptions.Methods).");
    }

    public void Dispose()
    {
        // The registration first: once it is gone the connection can no longer cancel a disposed source.
        _registration.Dispose();
        _source.Dispose();
    }
}
