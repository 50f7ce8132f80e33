using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using Bhrpc.Codec;
using Bhrpc.Protocol;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Connections;

/// <summary>The provider end of one accepted TCP connection, speaking hand-made frames: to send what a real provider would not (or not yet).</summary>
internal sealed class RawPeer : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;

    private RawPeer(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = PipeReader.Create(_stream);
    }

    /// <summary>The next connection a consumer opens to <paramref name="listener"/>.</summary>
    public static async Task<RawPeer> AcceptAsync(TcpListener listener)
        => new(await listener.AcceptTcpClientAsync().WithTimeout());

    /// <summary>A successful json response carrying <paramref name="resultJson"/> to request <paramref name="requestId"/>.</summary>
    public static byte[] Response(long requestId, string resultJson)
        => Frame(MessageType.Response, RpcHeader.StatusSuccess, requestId, Encoding.UTF8.GetBytes($$"""{"result":{{resultJson}},"async":true,"oneway":false}"""));

    /// <summary>The frame a stopping provider sends: type 7, empty body.</summary>
    public static byte[] GoingAway() => Frame(MessageType.GoingAway, RpcHeader.StatusSuccess, 0, []);

    public Task SendAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask().WithTimeout();

    /// <summary>The next request frame (heartbeats skipped), or null when the consumer closed the connection.</summary>
    public async Task<RpcHeader?> ReadRequestAsync()
    {
        while (true)
        {
            var header = await ReadFrameAsync();
            if (header is null || header.Value.Type == MessageType.Request)
            {
                return header;
            }
        }
    }

    /// <summary>Whether the consumer closes the connection before it sends another frame (heartbeats skipped); throws when neither happens in time.</summary>
    public async Task<bool> ClosedByConsumerAsync() => await ReadRequestAsync() is null;

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        _client.Dispose();
    }

    private static byte[] Frame(MessageType type, byte status, long requestId, byte[] body)
    {
        var builder = new FrameBuilder(1 << 20);
        builder.Write(body);
        var frame = builder.Complete(type, status, requestId, FrameCodec.PadSerializerName("json"));
        var bytes = frame.Span.ToArray();
        frame.Return();
        return bytes;
    }

    private async Task<RpcHeader?> ReadFrameAsync()
    {
        using var cancel = new CancellationTokenSource(TaskTimeoutExtensions.DefaultTimeout);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await _reader.ReadAsync(cancel.Token);
            }
            catch (IOException)
            {
                return null;
            }

            var buffer = result.Buffer;
            if (FrameCodec.TryParse(ref buffer, int.MaxValue, out var header, out _))
            {
                _reader.AdvanceTo(buffer.Start);
                return header;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }
}
