using Bhrpc.Codec;

namespace Bhrpc.Transport;

/// <summary>
/// Where a connection's whole frames wait to be written, and the loop that writes them, so that
/// concurrent senders never interleave bytes. The server writes to its transport's pipe
/// (<see cref="PipeFrameOutbox"/>); the client writes to its socket on a thread of its own.
/// </summary>
internal abstract class FrameOutbox
{
    /// <summary>Queues a whole frame; false when the outbox is completed (the caller still owns the frame).</summary>
    public abstract bool TryAdd(OutgoingFrame frame);

    /// <summary>No more frames: the loop writes what is queued and ends.</summary>
    public abstract void Complete();

    /// <summary>
    /// Writes frames until the outbox is completed and empty. Ends at once (dropping the rest) when
    /// <paramref name="abort"/> is cancelled; throws when a write fails.
    /// </summary>
    public abstract Task RunAsync(CancellationToken abort);

    /// <summary>After the loop: completes the outbox and returns the buffers of the frames never written.</summary>
    public abstract void DropQueued();

    /// <summary>After the loop: closes the writing side; a graceful close sends here what is still buffered.</summary>
    public abstract ValueTask CloseAsync();
}
