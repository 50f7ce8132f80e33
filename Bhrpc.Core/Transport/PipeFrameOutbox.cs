using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Bhrpc.Codec;

namespace Bhrpc.Transport;

/// <summary>
/// The outbox of a connection whose transport is a pipe (the server's Kestrel connections): an
/// async loop drains an unbounded channel into the pipe and flushes once per batch.
/// </summary>
internal sealed class PipeFrameOutbox(PipeWriter output) : FrameOutbox
{
    private readonly Channel<OutgoingFrame> _frames = Channel.CreateUnbounded<OutgoingFrame>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });

    public override bool TryAdd(OutgoingFrame frame) => _frames.Writer.TryWrite(frame);

    public override void Complete() => _frames.Writer.TryComplete();

    public override async Task RunAsync(CancellationToken abort)
    {
        var reader = _frames.Reader;
        while (await reader.WaitToReadAsync(abort).ConfigureAwait(false))
        {
            var pending = 0L;
            while (reader.TryRead(out var frame))
            {
                try
                {
                    output.Write(frame.Span);
                    pending += frame.Length;
                }
                finally
                {
                    frame.Return();
                }

                if (pending >= 64 * 1024)
                {
                    pending = 0;
                    if ((await output.FlushAsync(abort).ConfigureAwait(false)).IsCompleted)
                    {
                        return;
                    }
                }
            }

            if (pending > 0 && (await output.FlushAsync(abort).ConfigureAwait(false)).IsCompleted)
            {
                return;
            }
        }
    }

    public override void DropQueued()
    {
        _frames.Writer.TryComplete();
        while (_frames.Reader.TryRead(out var frame))
        {
            frame.Return();
        }
    }

    public override ValueTask CloseAsync() => output.CompleteAsync();
}
