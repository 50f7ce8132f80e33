namespace Bhrpc.Codec;

/// <summary>What <see cref="FrameCodec.TryParseOrSkip"/> found at the front of a buffer.</summary>
internal enum FrameParse
{
    /// <summary>Not a whole header, or a body within the limit that has not fully arrived; the buffer is as it was.</summary>
    Incomplete,

    /// <summary>A whole frame within the limit; the buffer is past it.</summary>
    Frame,

    /// <summary>A header announcing a body over the limit (but not absurdly so); the buffer is past the header only, and the body is the caller's to discard.</summary>
    Oversized,
}
