using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Bhrpc.Codec;
using Bhrpc.Protocol;

namespace Bhrpc.Tests.Infrastructure;

/// <summary>
/// One TCP connection that a test writes hand-made bytes to and reads bhrpc frames from: what
/// <see cref="RawConnection"/> (a consumer's end) and <c>RawPeer</c> (a provider's end) share.
/// </summary>
internal sealed class FrameSocket : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;

    public FrameSocket(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = PipeReader.Create(_stream);
    }

    /// <summary>The bytes of a whole frame around <paramref name="body"/>.</summary>
    public static byte[] Frame(MessageType type, byte status, long requestId, byte[] body, string serializer = "json")
    {
        var builder = FrameBuilder.Rent(1 << 20);
        builder.Write(body);
        return Complete(builder, type, status, requestId, serializer);
    }

    /// <summary>The bytes of a whole frame around the body written to <paramref name="builder"/>; returns its buffer.</summary>
    public static byte[] Complete(FrameBuilder builder, MessageType type, byte status, long requestId, string serializer = "json")
    {
        var frame = builder.Complete(type, status, requestId, FrameCodec.PadSerializerName(serializer));
        var bytes = frame.Span.ToArray();
        frame.Return();
        return bytes;
    }

    public Task SendAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask().WithTimeout();

    /// <summary>The next frame, or null when the other end closed the connection; throws when neither happens within <paramref name="timeout"/>.</summary>
    public async Task<(RpcHeader Header, byte[] Body)?> ReadFrameAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
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

    /// <summary>The next frame of <paramref name="type"/>, skipping the others (heartbeats), or null when the other end closed the connection.</summary>
    public async Task<(RpcHeader Header, byte[] Body)?> ReadFrameAsync(MessageType type, TimeSpan timeout)
    {
        while (true)
        {
            var frame = await ReadFrameAsync(timeout);
            if (frame is null || frame.Value.Header.Type == type)
            {
                return frame;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        _client.Dispose();
    }
}
