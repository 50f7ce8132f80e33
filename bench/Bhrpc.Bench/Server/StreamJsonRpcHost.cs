using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Bhrpc.Bench.Service;
using StreamJsonRpc;

namespace Bhrpc.Bench.Server;

/// <summary>
/// The StreamJsonRpc peer's server: a <see cref="TcpListener"/> on 127.0.0.1 and, per accepted socket, a
/// <see cref="JsonRpc"/> (<see cref="StreamJsonRpcWire"/>: MessagePack, length-prefixed) serving <see cref="IBenchService"/>.
/// </summary>
internal sealed class StreamJsonRpcHost : IServerHost
{
    /// <summary>The endpoint name in the child's <c>port</c> line.</summary>
    public const string Endpoint = "streamjsonrpc";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<JsonRpc, byte> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly BenchService _service = new();
    private Task _accepting = Task.CompletedTask;

    public Task<IReadOnlyDictionary<string, int>> StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        _accepting = AcceptLoopAsync();
        IReadOnlyDictionary<string, int> ports = new Dictionary<string, int> { [Endpoint] = ((IPEndPoint)_listener.LocalEndpoint).Port };
        return Task.FromResult(ports);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        foreach (var rpc in _connections.Keys)
        {
            rpc.Dispose();
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            var rpc = StreamJsonRpcWire.Create(new NetworkStream(socket, ownsSocket: true));
            rpc.AddLocalRpcTarget<IBenchService>(_service, null);
            _connections[rpc] = 0;
            rpc.Disconnected += (_, _) => _connections.TryRemove(rpc, out _);
            rpc.StartListening();
        }
    }
}
