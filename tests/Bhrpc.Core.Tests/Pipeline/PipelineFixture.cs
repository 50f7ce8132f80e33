using System.Net;
using System.Net.Sockets;
using Bhrpc.Extensions;
using Bhrpc.Invocation;
using Bhrpc.LoadBalance;
using Bhrpc.Metadata;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Pipeline;

/// <summary>The contract of the consumer pipeline tests.</summary>
public interface IPipelineService
{
    Task<string> EchoAsync(string text);

    [Idempotent]
    Task<string> ReadAsync(string key);

    Task<string> WaitAsync(string key, CancellationToken cancellationToken);

    Task NotifyAsync(string text);

    string Echo(string text);
}

/// <summary>
/// A real provider of <see cref="IPipelineService"/> on an ephemeral loopback port (its calls counted, the request
/// attachments it saw recorded), a silent endpoint that accepts connections and never answers, a closed port, and a
/// client whose loader knows the test filters and the <see cref="FirstLoadBalancer"/>.
/// </summary>
internal sealed class PipelineFixture : IAsyncDisposable
{
    private readonly TempFolder _registry;
    private readonly Socket _silent;
    private readonly List<Socket> _accepted = [];

    private PipelineFixture(TempFolder registry, Socket silent, PipelineService service, RpcServer server, RpcClient client, ExtensionLoader extensions)
    {
        _registry = registry;
        _silent = silent;
        Service = service;
        Server = server;
        Client = client;
        Extensions = extensions;
        _ = AcceptSilentlyAsync();
    }

    public PipelineService Service { get; }

    public RpcServer Server { get; }

    public RpcClient Client { get; }

    public ExtensionLoader Extensions { get; }

    public string Live => $"127.0.0.1:{Server.Port}";

    public string Silent => $"127.0.0.1:{((IPEndPoint)_silent.LocalEndPoint!).Port}";

    /// <summary>Sockets the silent endpoint accepted: one per connection a consumer opened to it.</summary>
    public int SilentConnections
    {
        get
        {
            lock (_accepted)
            {
                return _accepted.Count;
            }
        }
    }

    public static async Task<PipelineFixture> StartAsync(Action<ExtensionLoader>? register = null, Action<ClientOptions>? client = null)
    {
        var registry = new TempFolder();
        var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen(16);
        var service = new PipelineService();
        var extensions = new ExtensionLoader(new ExtensionLoaderOptions())
            .Register<ILoadBalancer>(FirstLoadBalancer.Name, () => new FirstLoadBalancer())
            .Register<IRpcFilter>("record", () => new RecordAttachmentsFilter(service));
        register?.Invoke(extensions);
        var server = await new RpcServerBuilder()
            .Listen("127.0.0.1", 0)
            .UseRegistry("local", registry.Path)
            .Configure(o =>
            {
                o.Extensions = extensions;
                o.Filters.Add("record");
            })
            .AddService<IPipelineService>(service)
            .StartAsync()
            .WithTimeout();
        var options = new ClientOptions { Extensions = extensions, Registry = new RegistryOptions { Type = "local", Address = registry.Path } };
        client?.Invoke(options);
        return new PipelineFixture(registry, silent, service, server, new RpcClient(options), extensions);
    }

    /// <summary>A proxy over <paramref name="addresses"/>, attempts in that order (the first load balancer).</summary>
    public IPipelineService Proxy(string addresses, Action<ReferenceOptions>? configure = null) => Client.CreateProxy<IPipelineService>(r =>
    {
        r.DirectAddress = addresses;
        r.LoadBalancer = FirstLoadBalancer.Name;
        r.Timeout = TimeSpan.FromSeconds(10);
        configure?.Invoke(r);
    });

    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Service.Release();
        await Client.DisposeAsync().AsTask().WithTimeout();
        await Server.DisposeAsync().AsTask().WithTimeout();
        _silent.Dispose();
        lock (_accepted)
        {
            foreach (var socket in _accepted)
            {
                socket.Dispose();
            }
        }

        _registry.Dispose();
    }

    private async Task AcceptSilentlyAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _silent.AcceptAsync().ConfigureAwait(false);
                lock (_accepted)
                {
                    _accepted.Add(socket);
                }
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }

    /// <summary>A provider filter that records each request's attachments and echoes "echo-me" back as "echoed".</summary>
    private sealed class RecordAttachmentsFilter(PipelineService service) : IRpcFilter
    {
        public async ValueTask<RpcResult> InvokeAsync(RpcInvocation invocation, RpcInvocationDelegate next)
        {
            service.Seen.Enqueue(invocation.HasAttachments ? new Dictionary<string, string>(invocation.Attachments) : []);
            var result = await next(invocation).ConfigureAwait(false);
            if (invocation.HasAttachments && invocation.Attachments.TryGetValue("echo-me", out var text))
            {
                invocation.ResponseAttachments["echoed"] = text;
            }

            return result;
        }
    }
}

/// <summary>The real provider: counts calls; <see cref="WaitAsync"/> waits until released or its token fires.</summary>
internal sealed class PipelineService : IPipelineService
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public System.Collections.Concurrent.ConcurrentQueue<Dictionary<string, string>> Seen { get; } = new();

    public void Release() => _release.TrySetResult();

    public Task<string> EchoAsync(string text)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(text);
    }

    public Task<string> ReadAsync(string key)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult("value of " + key);
    }

    public async Task<string> WaitAsync(string key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        await _release.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return key;
    }

    public Task NotifyAsync(string text)
    {
        Interlocked.Increment(ref _calls);
        return Task.CompletedTask;
    }

    public string Echo(string text)
    {
        Interlocked.Increment(ref _calls);
        return text;
    }
}
