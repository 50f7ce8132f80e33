using System.Buffers;
using Bhrpc.Protocol;

namespace Bhrpc.Codec;

/// <summary>
/// Builds one frame in a buffer rented from <see cref="ArrayPool{T}.Shared"/>: the body is written
/// through <see cref="IBufferWriter{T}"/> after 32 reserved bytes, then the header is filled in.
/// </summary>
internal sealed class FrameBuilder : IBufferWriter<byte>
{
    private const int InitialSize = 512;

    // One free builder per thread: building a frame is synchronous, so a thread reuses its builder frame after frame
    // instead of allocating one per message (a nested build on the same thread gets a new one).
    [ThreadStatic]
    private static FrameBuilder? t_free;

    private byte[] _buffer;
    private int _written;
    private int _maxBodySize;

    private FrameBuilder()
    {
        _buffer = [];
    }

    /// <summary>
    /// A builder for one frame with a body of at most <paramref name="maxBodySize"/> bytes; after
    /// <see cref="Complete"/> or <see cref="Abandon"/> it belongs to the pool again and must not be touched.
    /// </summary>
    public static FrameBuilder Rent(int maxBodySize)
    {
        var builder = t_free ?? new FrameBuilder();
        t_free = null;
        builder._maxBodySize = maxBodySize;
        builder._buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        builder._written = RpcHeader.Size;
        return builder;
    }

    public int BodyLength => _written - RpcHeader.Size;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _buffer.Length)
        {
            throw new InvalidOperationException("cannot advance past the end of the buffer.");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Fills in the header and hands the buffer over; this builder must not be used afterwards.</summary>
    public OutgoingFrame Complete(MessageType type, byte status, long requestId, ReadOnlySpan<byte> paddedSerializer)
    {
        var bodyLength = BodyLength;
        if (bodyLength > _maxBodySize)
        {
            Abandon();
            throw new RpcException(RpcStatusCode.FrameTooLarge, $"the {type} body is {bodyLength} bytes, over the limit of {_maxBodySize} bytes; raise MaxFrameSize on both sides to allow it.");
        }

        FrameCodec.WriteHeader(_buffer, type, status, requestId, paddedSerializer, bodyLength);
        var frame = new OutgoingFrame(_buffer, _written);
        _buffer = [];
        t_free = this;
        return frame;
    }

    /// <summary>Returns the buffer without producing a frame (the body could not be written).</summary>
    public void Abandon()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            t_free = this;
        }
    }

    private void Ensure(int sizeHint)
    {
        if (_buffer.Length == 0)
        {
            throw new InvalidOperationException("the frame was already completed or abandoned.");
        }

        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        if (BodyLength > _maxBodySize)
        {
            // The body is already over the limit: fail now instead of growing without bound.
            throw new RpcException(RpcStatusCode.FrameTooLarge, $"the body grew past the limit of {_maxBodySize} bytes; raise MaxFrameSize on both sides to allow it.");
        }

        var size = Math.Max(_buffer.Length * 2, _written + needed);
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
