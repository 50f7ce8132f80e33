using System.Buffers;

namespace Bhrpc.MicroBench.Infrastructure;

/// <summary>Builds multi-segment sequences, the shape a pipe hands out when a frame arrived in pieces.</summary>
internal static class Segments
{
    /// <summary>
    /// Splits <paramref name="bytes"/> into a first segment of <paramref name="firstSize"/> bytes and then
    /// segments of <paramref name="segmentSize"/> bytes (the last may be shorter).
    /// </summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, int firstSize, int segmentSize)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstSize, bytes.Length);

        var first = new Segment(bytes.AsMemory(0, firstSize), 0);
        var last = first;
        for (var offset = firstSize; offset < bytes.Length; offset += segmentSize)
        {
            last = last.Append(bytes.AsMemory(offset, Math.Min(segmentSize, bytes.Length - offset)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
