namespace Bhrpc.Serialization.Hessian;

/// <summary>
/// A date read from the wire that <see cref="DateTime"/> cannot hold (Java's <c>Date</c> reaches
/// far beyond years 1..9999). Kept as read so that the conversion, which knows the field it
/// belongs to, fails with a message naming that field; a date in a field nobody reads is no error.
/// </summary>
internal sealed class HessianDateOutOfRange(long utcMillis)
{
    /// <summary>DateTime's range in Java's terms: milliseconds since 1970-01-01 UTC.</summary>
    public const long MinMillis = -62135596800000L;

    /// <inheritdoc cref="MinMillis"/>
    public const long MaxMillis = 253402300799999L;

    public long UtcMillis { get; } = utcMillis;

    public string Describe() =>
        $"the date {UtcMillis} ms since 1970-01-01 ({(UtcMillis > 0 ? "after the year 9999" : "before the year 1")}) is outside the range of System.DateTime, 0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z";
}
