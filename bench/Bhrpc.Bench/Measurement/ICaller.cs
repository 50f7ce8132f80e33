namespace Bhrpc.Bench.Measurement;

/// <summary>One concurrent caller: makes one call at a time, warm-up then measured phase.</summary>
internal interface ICaller
{
    /// <summary>Calls made in the measured phase.</summary>
    long Calls { get; }

    /// <summary>Latency samples recorded (at most the caller's capacity).</summary>
    int Recorded { get; }

    /// <summary>Stopwatch timestamp when the caller's last measured call returned.</summary>
    long EndTimestamp { get; }

    /// <summary>Why the caller stopped early; null when it ran to the deadline.</summary>
    Exception? Error { get; }

    /// <summary>Runs both phases; never throws (see <see cref="Error"/>).</summary>
    Task RunAsync(PhaseControl phases, SampleBuffer samples, int index);
}
