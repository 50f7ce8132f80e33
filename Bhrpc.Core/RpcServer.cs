using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Bhrpc.Internal;
using Bhrpc.Reflect;
using Bhrpc.Registry;
using Bhrpc.Serialization;
using Bhrpc.Server.Internal;
using Bhrpc.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bhrpc;

/// <summary>
/// A bhrpc provider: listens through Kestrel, dispatches calls to the exported services and
/// registers them in the registry. Make one with <see cref="RpcServerBuilder"/>.
/// Stopping deregisters first, tells the connected consumers it is going away and keeps serving them for at most
/// <see cref="ServerOptions.GracePeriod"/> (less when they all close), then stops accepting, refuses new calls, lets
/// calls in flight finish within <see cref="ServerOptions.ShutdownTimeout"/>, and closes.
/// The server runs no host and never handles a signal: the process's lifetime stays the
/// application's (see <see cref="WaitForShutdownAsync"/> for a console program).
/// </summary>
public sealed partial class RpcServer : IAsyncDisposable
{
    private readonly ServerOptions _options;
    private readonly IReadOnlyList<ExportedService> _services;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private KestrelListener? _listener;
    private IRegistry? _registry;
    private ServiceDispatcher? _dispatcher;
    private RpcConnectionHandler? _handler;
    private HeartbeatMonitor? _heartbeat;
    private List<ServiceInstance> _registered = [];
    private State _state;
    private readonly TaskCompletionSource _stoppingSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _refusingSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal RpcServer(ServerOptions options, IReadOnlyList<ServiceOptions> services)
    {
        _options = options;
        _services = [.. services.Select(s => new ExportedService(s, Metadata.ServiceDescriptor.For(s.ServiceType)))];
        var duplicate = _services.GroupBy(s => s.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"service {duplicate.Key} is exported twice; give each export a distinct version or group.");
        }

        foreach (var service in _services)
        {
            service.BuildChain(options);
        }

        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RpcServer>();
    }

    private enum State
    {
        Created,
        Started,
        Stopped,
    }

    /// <summary>The options (do not change them after start).</summary>
    public ServerOptions Options => _options;

    /// <summary>The bound port (the ephemeral one when <see cref="ServerOptions.Port"/> is 0); 0 before start.</summary>
    public int Port { get; private set; }

    /// <summary>The host written to the registry; null before start.</summary>
    public string? AdvertisedHost { get; private set; }

    /// <summary><c>advertisedHost:port</c>; null before start.</summary>
    public string? Address => AdvertisedHost is null ? null : $"{AdvertisedHost}:{Port}";

    /// <summary>The registry entries this server made; empty before start and after stop.</summary>
    public IReadOnlyList<ServiceInstance> Registrations => _registered;

    /// <summary>Calls being run now.</summary>
    public int CallsInFlight => _dispatcher?.InFlight ?? 0;

    /// <summary>Open connections.</summary>
    public int ConnectionCount => _handler?.Count ?? 0;

    /// <summary>Completes when stopping has begun: the server has deregistered and tells its consumers it is going away.</summary>
    internal Task Stopping => _stoppingSignal.Task;

    /// <summary>Completes when the grace period is over and new calls are refused.</summary>
    internal Task Refusing => _refusingSignal.Task;

    /// <summary>
    /// Whether stopping has begun: the server deregistered and told its consumers it is going away (it still serves
    /// them for <see cref="ServerOptions.GracePeriod"/>), refuses new calls, or has stopped.
    /// </summary>
    public bool IsStopping => _stoppingSignal.Task.IsCompleted;

    /// <summary>Drops every connection at once, as a network failure would.</summary>
    internal void AbortConnections()
    {
        foreach (var connection in _handler?.Connections ?? [])
        {
            connection.Abort(new RpcException(RpcStatusCode.ConnectionClosed, "aborted"));
        }
    }

    /// <summary>Binds, starts serving and registers the services.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_state != State.Created)
            {
                throw new InvalidOperationException($"the server was already {(_state == State.Started ? "started" : "stopped")}; make a new one with RpcServerBuilder.");
            }

            var serializers = new SerializerSet(_options.Extensions);
            _dispatcher = new ServiceDispatcher(
                _services,
                _options.Extensions.Create<IReflectInvoker>(_options.ReflectInvoker),
                serializers,
                serializers.Get(_options.Serializer),
                _options.MaxFrameSize,
                _logger,
                _options.TimeProvider);
            _handler = new RpcConnectionHandler(_dispatcher, _options, _logger);
            var registryOptions = _options.Registry.Clone();
            registryOptions.LoggerFactory ??= _options.LoggerFactory;
            _registry = _options.Extensions.Create<IRegistryFactory>(registryOptions.Type).Create(registryOptions);

            _listener = await KestrelListener.StartAsync(
                new IPEndPoint(ResolveBindAddress(_options.Host), _options.Port),
                _handler,
                _options.LoggerFactory ?? NullLoggerFactory.Instance,
                cancellationToken).ConfigureAwait(false);
            Port = _listener.Port;
            AdvertisedHost = ResolveAdvertisedHost();
            _dispatcher.Address = Address!;
            _heartbeat = new HeartbeatMonitor(_options.HeartbeatInterval, _options.TimeProvider, () => _handler.Connections, static c => ((ServerConnection)c).Ping());
            _state = State.Started;

            foreach (var service in _services)
            {
                var instance = new ServiceInstance(
                    service.Options.EffectiveServiceName,
                    service.Options.Version,
                    service.Options.Group,
                    AdvertisedHost,
                    Port,
                    service.Options.EffectiveWeight,
                    Guid.NewGuid().ToString(),
                    _options.TimeProvider.GetUtcNow())
                {
                    Tag = service.Options.Tag,
                };
                await _registry.RegisterAsync(instance, cancellationToken).ConfigureAwait(false);
                _registered.Add(instance);
            }

            Log.Started(_logger, Address!, $"{_options.Host}:{Port}", string.Join(", ", _services.Select(s => s.Key)), _registry.Description);
        }
        catch
        {
            await StopCoreAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Deregisters, sends <see cref="Protocol.MessageType.GoingAway"/> on every connection and serves for the grace period
    /// (until every consumer connection has closed, at most <see cref="ServerOptions.GracePeriod"/>), then stops accepting,
    /// refuses new calls with <see cref="RpcStatusCode.Unavailable"/>, waits for calls in flight (at most
    /// <see cref="ServerOptions.ShutdownTimeout"/>) and closes. Safe to call twice.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await StopCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>
    /// For a console program: waits until the process gets SIGTERM or Ctrl+C (SIGINT),
    /// <paramref name="cancellationToken"/> is cancelled, or the server is stopped otherwise; then stops
    /// the server as <see cref="StopAsync"/> does and returns, so that <c>Main</c> can return 0.
    /// The signals are handled (through <see cref="PosixSignalRegistration"/>) only while this call
    /// waits; a server that is only started leaves them to the process.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server was not started.</exception>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken = default)
    {
        if (_state == State.Created)
        {
            throw new InvalidOperationException("the server was not started; call StartAsync before WaitForShutdownAsync.");
        }

        var shutdown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext context)
        {
            // Cancelled, so the runtime does not end the process at once: the server stops, then Main returns.
            context.Cancel = true;
            Log.SignalReceived(_logger, context.Signal.ToString(), Address ?? "?");
            shutdown.TrySetResult();
        }

        using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal))
        using (PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal))
        using (cancellationToken.Register(() => shutdown.TrySetResult()))
        {
            // Logged once the handlers are in place: a signal before this line gets the runtime's default.
            Log.WaitingForSignal(_logger, Address ?? "?");
            await Task.WhenAny(shutdown.Task, Stopping).ConfigureAwait(false);
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task StopCoreAsync()
    {
        if (_state == State.Stopped)
        {
            return;
        }

        _state = State.Stopped;
        if (_registry is not null)
        {
            foreach (var instance in _registered)
            {
                try
                {
                    await _registry.DeregisterAsync(instance).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    Log.DeregisterFailed(_logger, instance.ServiceKey, e);
                }
            }

            _registered = [];
        }

        _stoppingSignal.TrySetResult();
        if (_handler is not null && _listener is not null)
        {
            await GoAwayAsync(_handler).ConfigureAwait(false);
        }

        _handler?.StopAccepting();
        if (_dispatcher is not null)
        {
            var drained = _dispatcher.BeginStopAsync();
            _refusingSignal.TrySetResult();
            try
            {
                await drained.WaitAsync(_options.ShutdownTimeout, _options.TimeProvider).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Log.DrainTimedOut(_logger, _dispatcher.InFlight, _options.ShutdownTimeout);
            }
        }

        _stoppingSignal.TrySetResult();
        _refusingSignal.TrySetResult();
        _heartbeat?.Dispose();
        if (_handler is not null)
        {
            await _handler.CloseAllAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }

        if (_listener is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _listener.StopAsync(stopping.Token).ConfigureAwait(false);
            await _listener.DisposeAsync().ConfigureAwait(false);
            _listener = null;
        }

        if (_registry is not null)
        {
            await _registry.DisposeAsync().ConfigureAwait(false);
            _registry = null;
        }

        if (AdvertisedHost is not null)
        {
            Log.Stopped(_logger, Address!);
        }
    }

    /// <summary>
    /// Tells the connected consumers the server is going away and keeps serving them until they have all closed their
    /// connections or <see cref="ServerOptions.GracePeriod"/> has passed.
    /// </summary>
    private async Task GoAwayAsync(RpcConnectionHandler handler)
    {
        var allClosed = handler.GoAwayAsync();
        if (_options.GracePeriod <= TimeSpan.Zero || allClosed.IsCompleted)
        {
            return;
        }

        Log.GoingAway(_logger, Address ?? "?", handler.Count, _options.GracePeriod);
        try
        {
            await allClosed.WaitAsync(_options.GracePeriod, _options.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.GracePeriodEnded(_logger, handler.Count, _options.GracePeriod);
        }
    }

    private static IPAddress ResolveBindAddress(string host)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? throw new RpcException(RpcStatusCode.Configuration, $"ServerOptions.Host '{host}' has no IPv4 address.");
        }
        catch (SocketException e)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"ServerOptions.Host '{host}' could not be resolved: {e.Message}", e);
        }
    }

    private string ResolveAdvertisedHost()
    {
        if (!string.IsNullOrWhiteSpace(_options.AdvertiseHost))
        {
            return _options.AdvertiseHost;
        }

        var bind = ResolveBindAddress(_options.Host);
        if (!bind.Equals(IPAddress.Any) && !bind.Equals(IPAddress.IPv6Any))
        {
            return _options.Host;
        }

        // Bound to every interface: advertise the machine's address.
        return Internal.LocalAddress.IPv4;
    }

    private static partial class Log
    {
        [LoggerMessage(LogEventIds.RpcServer + 0, LogLevel.Information, "bhrpc server {Address} started (listening on {Endpoint}); services: {Services}; registry {Registry}")]
        public static partial void Started(ILogger logger, string address, string endpoint, string services, string registry);

        [LoggerMessage(LogEventIds.RpcServer + 1, LogLevel.Information, "bhrpc server {Address} stopped")]
        public static partial void Stopped(ILogger logger, string address);

        [LoggerMessage(LogEventIds.RpcServer + 2, LogLevel.Warning, "Deregistering {Key} failed")]
        public static partial void DeregisterFailed(ILogger logger, string key, Exception exception);

        [LoggerMessage(LogEventIds.RpcServer + 3, LogLevel.Warning, "{Count} call(s) were still running after the shutdown timeout of {Timeout}; closing anyway")]
        public static partial void DrainTimedOut(ILogger logger, int count, TimeSpan timeout);

        [LoggerMessage(LogEventIds.RpcServer + 6, LogLevel.Information, "bhrpc server {Address} is going away: told {Count} connected consumer(s); serving them for at most {GracePeriod}")]
        public static partial void GoingAway(ILogger logger, string address, int count, TimeSpan gracePeriod);

        [LoggerMessage(LogEventIds.RpcServer + 7, LogLevel.Information, "{Count} consumer connection(s) still open after the grace period of {GracePeriod}; refusing new calls and draining")]
        public static partial void GracePeriodEnded(ILogger logger, int count, TimeSpan gracePeriod);

        [LoggerMessage(LogEventIds.RpcServer + 5, LogLevel.Information, "bhrpc server {Address} stops on SIGTERM or SIGINT")]
        public static partial void WaitingForSignal(ILogger logger, string address);

        [LoggerMessage(LogEventIds.RpcServer + 4, LogLevel.Information, "{Signal} received: stopping bhrpc server {Address}")]
        public static partial void SignalReceived(ILogger logger, string signal, string address);
    }
}
