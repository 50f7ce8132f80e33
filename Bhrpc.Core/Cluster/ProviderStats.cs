namespace Bhrpc.Cluster;

/// <summary>
/// The live statistics of one provider address, fed by every attempt the client makes to it: calls in flight, an
/// exponentially weighted moving average of the latency, consecutive and total failures, and the ejection state.
/// Thread-safe and lock-free but for ejecting. Load balancers read it; the pipeline writes it.
/// </summary>
public sealed class ProviderStats
{
    // The weight of the newest sample in the latency average.
    private const double Alpha = 0.2;

    private readonly Lock _lock = new();
    private int _inFlight;
    private long _calls;
    private long _failures;
    private int _consecutiveFailures;
    private long _latencyEwmaBits;
    private long _ejectedUntil;
    private int _ejections;
    private volatile bool _goingAway;

    /// <summary>Statistics measured on <paramref name="clock"/>.</summary>
    public ProviderStats(string address, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(clock);
        Address = address;
        Clock = clock;
    }

    /// <summary><c>host:port</c>.</summary>
    public string Address { get; }

    /// <summary>The clock the timestamps are on.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Attempts sent and not yet answered.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Attempts finished.</summary>
    public long Calls => Volatile.Read(ref _calls);

    /// <summary>Attempts failed (not reached, lost, timed out or failed by the transport).</summary>
    public long Failures => Volatile.Read(ref _failures);

    /// <summary>Failures since the last success.</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    /// <summary>The moving average of the latency of successful attempts; <see cref="TimeSpan.Zero"/> before the first.</summary>
    public TimeSpan LatencyEwma
    {
        get => TimeSpan.FromTicks((long)BitConverter.Int64BitsToDouble(Volatile.Read(ref _latencyEwmaBits)));
    }

    /// <summary>Whether the provider said it is going away (it is stopping): new calls go elsewhere.</summary>
    public bool IsGoingAway => _goingAway;

    /// <summary>How many times in a row the address has been ejected without a success since.</summary>
    public int Ejections => Volatile.Read(ref _ejections);

    /// <summary>Whether the address is ejected now: skipped by load balancers until <see cref="EjectedUntil"/>.</summary>
    public bool IsEjected => Volatile.Read(ref _ejectedUntil) is var until && until != 0 && until > Clock.GetTimestamp();

    /// <summary>The timestamp until which the address is ejected (0: never ejected).</summary>
    public long EjectedUntil => Volatile.Read(ref _ejectedUntil);

    /// <summary>Whether a load balancer should pick this provider now: not ejected and not going away.</summary>
    public bool IsAvailable => !_goingAway && !IsEjected;

    /// <summary>Counts an attempt as started; returns its start timestamp for <see cref="End"/>.</summary>
    public long Begin()
    {
        Interlocked.Increment(ref _inFlight);
        return Clock.GetTimestamp();
    }

    /// <summary>Counts an attempt started at <paramref name="started"/> as finished.</summary>
    /// <param name="started">What <see cref="Begin"/> returned.</param>
    /// <param name="failed">Whether it failed at the transport level (not reached, lost, timed out); a remote exception is not a failure of the provider.</param>
    public void End(long started, bool failed)
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _calls);
        if (failed)
        {
            Interlocked.Increment(ref _failures);
            Interlocked.Increment(ref _consecutiveFailures);
            return;
        }

        double elapsed = Clock.GetElapsedTime(started).Ticks;
        var seen = Volatile.Read(ref _latencyEwmaBits);
        while (true)
        {
            var average = BitConverter.Int64BitsToDouble(seen);
            var next = BitConverter.DoubleToInt64Bits(average == 0 ? elapsed : (Alpha * elapsed) + ((1 - Alpha) * average));
            var found = Interlocked.CompareExchange(ref _latencyEwmaBits, next, seen);
            if (found == seen)
            {
                break;
            }

            seen = found;
        }

        // Written only when set: every pick reads this cache line.
        if (Volatile.Read(ref _consecutiveFailures) != 0)
        {
            Volatile.Write(ref _consecutiveFailures, 0);
        }

        if (Volatile.Read(ref _ejections) != 0)
        {
            Volatile.Write(ref _ejections, 0);
        }
    }

    /// <summary>
    /// Ejects the address for <paramref name="baseBackoff"/> doubled per ejection in a row, at most
    /// <paramref name="maxBackoff"/>; returns how long.
    /// </summary>
    public TimeSpan Eject(TimeSpan baseBackoff, TimeSpan maxBackoff)
    {
        var count = Interlocked.Increment(ref _ejections);
        var ticks = Math.Min(maxBackoff.Ticks, baseBackoff.Ticks * (1L << Math.Min(count - 1, 20)));
        var backoff = TimeSpan.FromTicks(Math.Max(ticks, 0));
        var until = Clock.GetTimestamp() + (long)(backoff.TotalSeconds * Clock.TimestampFrequency);
        Interlocked.Exchange(ref _ejectedUntil, until);
        return backoff;
    }

    /// <summary>
    /// Ejects the address as <see cref="Eject"/> does unless it is ejected already (a failure seen while the address is
    /// skipped does not double its back-off again); returns whether it ejected, and for how long.
    /// </summary>
    public bool TryEject(TimeSpan baseBackoff, TimeSpan maxBackoff, out TimeSpan backoff)
    {
        lock (_lock)
        {
            if (IsEjected)
            {
                backoff = TimeSpan.Zero;
                return false;
            }

            backoff = Eject(baseBackoff, maxBackoff);
            return true;
        }
    }

    /// <summary>Marks the provider as going away (it sent the going-away frame) or back (a new connection opened).</summary>
    public void SetGoingAway(bool goingAway) => _goingAway = goingAway;
}
