using System.Globalization;

namespace Bhrpc.Registry.Etcd;

/// <summary>
/// Runs a call the caller waits for (register, deregister, discover, the first read of a watch):
/// while no gateway answers it retries with a growing pause, for at most
/// <see cref="RegistryOptions.ConnectTimeout"/>, then fails with an <see cref="RpcException"/>
/// that names the address. A definite answer from etcd (an <see cref="EtcdException"/> that is
/// not <see cref="EtcdException.IsUnavailable"/>) is not retried but thrown as it is; the registry
/// turns it into an <see cref="RpcException"/> with <see cref="Refused"/>.
/// </summary>
internal sealed class EtcdConnectRetry(TimeSpan connectTimeout, TimeProvider time, string address)
{
    private static readonly TimeSpan s_firstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_maxPause = TimeSpan.FromSeconds(1);

    /// <exception cref="RpcException">No gateway answered within the connect timeout.</exception>
    /// <exception cref="EtcdException">etcd refused the call.</exception>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, string what, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(connectTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var pause = s_firstPause;
        Exception? last = null;
        while (true)
        {
            try
            {
                return await call(linked.Token).ConfigureAwait(false);
            }
            catch (EtcdException e) when (e.IsUnavailable)
            {
                last = e;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw Unreachable(what, last);
            }
            try
            {
                await Task.Delay(pause, time, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw Unreachable(what, last);
            }

            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, s_maxPause.Ticks));
        }
    }

    /// <inheritdoc cref="RunAsync{T}(Func{CancellationToken, Task{T}}, string, CancellationToken)"/>
    public Task RunAsync(Func<CancellationToken, Task> call, string what, CancellationToken cancellationToken)
        => RunAsync(
            async ct =>
            {
                await call(ct).ConfigureAwait(false);
                return true;
            },
            what,
            cancellationToken);

    /// <summary>The error for a call that etcd answered with a failure.</summary>
    public RpcException Refused(string what, EtcdException e)
        => new(RpcStatusCode.Unknown, $"{what} failed: the etcd gateway at {address} answered '{e.Message}' (gRPC status {e.Code}).", e);

    private RpcException Unreachable(string what, Exception? last) => new(
        RpcStatusCode.ConnectionClosed,
        string.Create(
            CultureInfo.InvariantCulture,
            $"{what} failed: the etcd registry at {address} did not answer within {connectTimeout.TotalSeconds:0.###} s ({last?.Message ?? "no answer"}). Check RegistryOptions.Address (the client URL of etcd 3.4 or later, host:port[,host:port]); RegistryOptions.ConnectTimeout sets how long to keep trying."),
        last);
}
