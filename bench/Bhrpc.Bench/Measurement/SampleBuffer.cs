namespace Bhrpc.Bench.Measurement;

/// <summary>
/// One preallocated array of latency samples (Stopwatch ticks), split into equal slices, one per
/// caller, reused by every measurement of the process so recording never allocates.
/// </summary>
internal sealed class SampleBuffer(int capacity)
{
    /// <summary>Room for 16 Mi samples (128 MiB): over 5 million calls a second for a 3 s phase before recording stops.</summary>
    public const int DefaultCapacity = 16 * 1024 * 1024;

    private readonly long[] _samples = GC.AllocateUninitializedArray<long>(capacity);
    private int _sliceLength = capacity;

    /// <summary>Splits the buffer for <paramref name="callers"/> callers.</summary>
    public void Prepare(int callers) => _sliceLength = _samples.Length / Math.Max(1, callers);

    public ArraySegment<long> SliceOf(int caller) => new(_samples, caller * _sliceLength, _sliceLength);

    /// <summary>
    /// Moves each caller's recorded samples to the front, sorts them and returns them; valid until
    /// the next <see cref="Prepare"/>.
    /// </summary>
    public ReadOnlySpan<long> MergeSorted(IReadOnlyList<ICaller> callers)
    {
        var count = 0;
        for (var i = 0; i < callers.Count; i++)
        {
            var recorded = callers[i].Recorded;
            SliceOf(i).AsSpan(0, recorded).CopyTo(_samples.AsSpan(count));
            count += recorded;
        }

        var merged = _samples.AsSpan(0, count);
        merged.Sort();
        return merged;
    }
}
