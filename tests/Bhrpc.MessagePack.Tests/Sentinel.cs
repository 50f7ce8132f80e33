namespace Bhrpc.MessagePack.Tests;

/// <summary>A type a hostile body names; counts its constructions, so a test can tell whether a decoder made one.</summary>
public sealed class Sentinel
{
    private static int s_constructed;

    public Sentinel()
    {
        Interlocked.Increment(ref s_constructed);
    }

    /// <summary>How many were constructed since <see cref="Reset"/>.</summary>
    public static int Constructed => Volatile.Read(ref s_constructed);

    public string Payload { get; set; } = "constructed from the wire";

    public static void Reset() => Volatile.Write(ref s_constructed, 0);
}
