using System.Buffers;
using System.Net.Sockets;
using Bhrpc.Codec;
using Bhrpc.Protocol;
using Bhrpc.Serialization.Json;

namespace Bhrpc.Tests.Infrastructure;

/// <summary>A bare TCP connection that sends hand-made bytes and reads frames, to test what a server does with bad input.</summary>
internal sealed class RawConnection : IAsyncDisposable
{
    private readonly FrameSocket _socket;

    private RawConnection(FrameSocket socket) => _socket = socket;

    public static async Task<RawConnection> ConnectAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port).WithTimeout();
        return new RawConnection(new FrameSocket(client));
    }

    /// <summary>A whole request frame with a json body.</summary>
    public static byte[] RequestFrame(long id, RpcRequest request, string serializer = "json")
    {
        var builder = FrameBuilder.Rent(1 << 20);
        new JsonRpcSerializer().WriteRequest(request, builder);
        return FrameSocket.Complete(builder, MessageType.Request, RpcHeader.StatusFailure, id, serializer);
    }

    /// <summary>A whole frame with the given body bytes.</summary>
    public static byte[] RawFrame(MessageType type, long id, byte[] body, string serializer = "json")
        => FrameSocket.Frame(type, RpcHeader.StatusFailure, id, body, serializer);

    public static RpcRequest Request(string method, string[] types, object?[] args, bool oneway = false) => new()
    {
        ClassName = typeof(Bhrpc.Tests.EndToEnd.ICalculator).FullName!,
        MethodName = method,
        ParameterTypes = types,
        Parameters = args,
        Oneway = oneway,
    };

    public Task SendAsync(byte[] bytes) => _socket.SendAsync(bytes);

    /// <summary>The next frame, or null when the server closed the connection.</summary>
    public Task<(RpcHeader Header, byte[] Body)?> ReadFrameAsync(TimeSpan? timeout = null)
        => _socket.ReadFrameAsync(timeout ?? TaskTimeoutExtensions.DefaultTimeout);

    /// <summary>The next response frame, skipping heartbeats.</summary>
    public Task<(RpcHeader Header, byte[] Body)?> ReadResponseAsync(TimeSpan? timeout = null)
        => _socket.ReadFrameAsync(MessageType.Response, timeout ?? TaskTimeoutExtensions.DefaultTimeout);

    public static Bhrpc.Serialization.DecodedResponse Decode(byte[] body) => new JsonRpcSerializer().ReadResponse(new ReadOnlySequence<byte>(body));

    public ValueTask DisposeAsync() => _socket.DisposeAsync();
}
