using System.Net;
using Bhrpc.Protocol;
using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Bootstrapping;
using DotNetty.Transport.Channels;
using DotNetty.Transport.Channels.Sockets;

namespace Bhrpc.Bench.Server;

/// <summary>
/// The <c>dotnetty-raw</c> server: the raw echo (<see cref="RawEchoHandler"/>'s behaviour) on DotNetty 0.7.6, the
/// transport of the project's original design. One accepting event loop, DotNetty's default number of worker loops,
/// its pooled buffers, TCP_NODELAY, and a <see cref="LengthFieldBasedFrameDecoder"/> on the header's big-endian body
/// length (bytes 28..31) in front of <see cref="DotNettyEchoHandler"/>. No RPC layer: what that transport can do at best.
/// </summary>
internal sealed class DotNettyEchoHost : IServerHost
{
    /// <summary>The endpoint name in the child's <c>port</c> line.</summary>
    public const string Endpoint = "dotnetty";

    private const int MaxFrameSize = 8 * 1024 * 1024;
    private const int LengthFieldOffset = 28;
    private const int LengthFieldLength = 4;

    private readonly MultithreadEventLoopGroup _boss = new(1);
    private readonly MultithreadEventLoopGroup _workers = new();
    private IChannel? _channel;

    public async Task<IReadOnlyDictionary<string, int>> StartAsync(CancellationToken cancellationToken)
    {
        var echo = new DotNettyEchoHandler();
        var bootstrap = new ServerBootstrap()
            .Group(_boss, _workers)
            .Channel<TcpServerSocketChannel>()
            .Option(ChannelOption.SoBacklog, 1024)
            .ChildOption(ChannelOption.TcpNodelay, true)
            .ChildOption(ChannelOption.Allocator, PooledByteBufferAllocator.Default)
            .ChildHandler(new ActionChannelInitializer<IChannel>(channel => channel.Pipeline.AddLast(
                new LengthFieldBasedFrameDecoder(ByteOrder.BigEndian, RpcHeader.Size + MaxFrameSize, LengthFieldOffset, LengthFieldLength, 0, 0, true),
                echo)));
        _channel = await bootstrap.BindAsync(new IPEndPoint(IPAddress.Loopback, 0)).WaitAsync(cancellationToken).ConfigureAwait(false);
        var port = (_channel.LocalAddress as IPEndPoint)?.Port ?? 0;
        return port > 0
            ? new Dictionary<string, int> { [Endpoint] = port }
            : throw new InvalidOperationException($"DotNetty did not report the port it bound; expected an IP end point on 127.0.0.1, got '{_channel.LocalAddress}'.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.CloseAsync().ConfigureAwait(false);
        }

        var quiet = TimeSpan.FromMilliseconds(100);
        var limit = TimeSpan.FromSeconds(2);
        await Task.WhenAll(_boss.ShutdownGracefullyAsync(quiet, limit), _workers.ShutdownGracefullyAsync(quiet, limit)).ConfigureAwait(false);
    }
}
