using Bhrpc.Protocol;
using DotNetty.Buffers;
using DotNetty.Transport.Channels;

namespace Bhrpc.Bench.Server;

/// <summary>
/// The DotNetty form of <see cref="RawEchoHandler"/>: takes each whole frame the length-field decoder hands up,
/// turns a request into its response in place (type 2, status 0, same id, same body) and writes that same buffer
/// back; flushes once per read batch. Anything that is not a bhrpc frame closes the connection.
/// </summary>
internal sealed class DotNettyEchoHandler : ChannelHandlerAdapter
{
    public override bool IsSharable => true;

    public override void ChannelRead(IChannelHandlerContext context, object message)
    {
        var frame = (IByteBuffer)message;
        var start = frame.ReaderIndex;
        if (frame.ReadableBytes < RpcHeader.Size || frame.GetUnsignedShort(start) != RpcHeader.Magic)
        {
            frame.Release();
            context.CloseAsync();
            return;
        }

        if (frame.GetByte(start + 2) != (byte)MessageType.Request)
        {
            frame.Release();
            return;
        }

        frame.SetByte(start + 2, (byte)MessageType.Response);
        frame.SetByte(start + 3, RpcHeader.StatusSuccess);
        // The write releases the buffer once it is on the socket.
        context.WriteAsync(frame);
    }

    public override void ChannelReadComplete(IChannelHandlerContext context) => context.Flush();

    public override void ExceptionCaught(IChannelHandlerContext context, Exception exception) => context.CloseAsync();
}
