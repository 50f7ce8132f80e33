using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Bhrpc.Codec;
using Bhrpc.Protocol;
using Bhrpc.Serialization.Json;

namespace Bhrpc.Tests.Infrastructure;

/// <summary>A bare TCP connection that sends hand-made bytes and reads frames, to test what a server does with bad input.</summary>
internal sealed class RawConnection : IAsyncDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;

    private RawConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = PipeReader.Create(_stream);
    }

    public static async Task<RawConnection> ConnectAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port).WaitAsync(s_wait);
        return new RawConnection(client);
    }

    /// <summary>A whole request frame with a json body.</summary>
    public static byte[] RequestFrame(long id, RpcRequest request, string serializer = "json")
    {
        var builder = new FrameBuilder(1 << 20);
        new JsonRpcSerializer().WriteRequest(request, builder);
        return Complete(builder, MessageType.Request, id, serializer);
    }

    /// <summary>A whole frame with the given body bytes.</summary>
    public static byte[] RawFrame(MessageType type, long id, byte[] body, string serializer = "json")
    {
        var builder = new FrameBuilder(1 << 20);
        builder.Write(body);
        return Complete(builder, type, id, serializer);
    }

    public static RpcRequest Request(string method, string[] types, object?[] args, bool oneway = false) => new()
    {
        ClassName = typeof(Bhrpc.Tests.EndToEnd.ICalculator).FullName!,
        MethodName = method,
        ParameterTypes = types,
        Parameters = args,
        Oneway = oneway,
    };

    public Task SendAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask().WaitAsync(s_wait);

    /// <summary>The next frame, or null when the server closed the connection.</summary>
    public async Task<(RpcHeader Header, byte[] Body)?> ReadFrameAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? s_wait);
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
            if (FrameCodec.TryParse(ref buffer, int.MaxValue, out var header, out var body))
            {
                var bytes = body.ToArray();
                _reader.AdvanceTo(buffer.Start);
                return (header, bytes);
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    /// <summary>The next response frame, skipping heartbeats.</summary>
    public async Task<(RpcHeader Header, byte[] Body)?> ReadResponseAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var frame = await ReadFrameAsync(timeout);
            if (frame is null || frame.Value.Header.Type == MessageType.Response)
            {
                return frame;
            }
        }
    }

    public static Bhrpc.Serialization.DecodedResponse Decode(byte[] body) => new JsonRpcSerializer().ReadResponse(new ReadOnlySequence<byte>(body));

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        _client.Dispose();
    }

    private static byte[] Complete(FrameBuilder builder, MessageType type, long id, string serializer)
    {
        var frame = builder.Complete(type, RpcHeader.StatusFailure, id, FrameCodec.PadSerializerName(serializer));
        var bytes = frame.Span.ToArray();
        frame.Return();
        return bytes;
    }
}
