using System.Net.Sockets;
using System.Text;
using Bhrpc.Protocol;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Connections;

/// <summary>The provider end of one accepted TCP connection, speaking hand-made frames: to send what a real provider would not (or not yet).</summary>
internal sealed class RawPeer : IAsyncDisposable
{
    private readonly FrameSocket _socket;

    private RawPeer(FrameSocket socket) => _socket = socket;

    /// <summary>The next connection a consumer opens to <paramref name="listener"/>.</summary>
    public static async Task<RawPeer> AcceptAsync(TcpListener listener)
        => new(new FrameSocket(await listener.AcceptTcpClientAsync().WithTimeout()));

    /// <summary>A successful json response carrying <paramref name="resultJson"/> to request <paramref name="requestId"/>.</summary>
    public static byte[] Response(long requestId, string resultJson)
        => FrameSocket.Frame(MessageType.Response, RpcHeader.StatusSuccess, requestId, Encoding.UTF8.GetBytes($$"""{"result":{{resultJson}},"async":true,"oneway":false}"""));

    /// <summary>The frame a stopping provider sends: type 7, empty body.</summary>
    public static byte[] GoingAway() => FrameSocket.Frame(MessageType.GoingAway, RpcHeader.StatusSuccess, 0, []);

    public Task SendAsync(byte[] bytes) => _socket.SendAsync(bytes);

    /// <summary>The next request frame (heartbeats skipped), or null when the consumer closed the connection.</summary>
    public async Task<RpcHeader?> ReadRequestAsync()
        => (await _socket.ReadFrameAsync(MessageType.Request, TaskTimeoutExtensions.DefaultTimeout))?.Header;

    /// <summary>Reads the next request and answers it with <paramref name="resultJson"/>; fails the test when the consumer closed instead.</summary>
    public async Task AnswerNextRequestAsync(string resultJson)
    {
        var request = await ReadRequestAsync() ?? throw new AssertionException("expected a request; the consumer closed the connection");
        await SendAsync(Response(request.RequestId, resultJson));
    }

    /// <summary>Whether the consumer closes the connection before it sends another frame (heartbeats skipped); throws when neither happens in time.</summary>
    public async Task<bool> ClosedByConsumerAsync() => await ReadRequestAsync() is null;

    public ValueTask DisposeAsync() => _socket.DisposeAsync();
}
