using System.ComponentModel.DataAnnotations;

namespace Bhrpc.Cluster.Failback;

/// <summary>
/// Settings of cluster <c>failback</c>
/// (<c>ReferenceOptions.Cluster = new ExtensionSpec("failback", new Dictionary&lt;string, string&gt; { ["retry-interval"] = "10s" })</c>).
/// </summary>
public sealed class FailbackClusterOptions
{
    /// <summary>
    /// How many failed calls wait for a background retry at most, 1..1,000,000; default 1000. When the queue is full
    /// the oldest waiting call is dropped (logged at Warning) to make room.
    /// </summary>
    [Range(1, 1_000_000)]
    public int QueueLimit { get; set; } = 1000;

    /// <summary>
    /// How long after a failure (the first one or a failed retry) the call is retried, 1 ms..1 day; default 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many background retries one failed call gets before it is given up (logged at Warning), 1..100; default 3.
    /// The first attempt, made while the caller waits, is not counted.
    /// </summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;
}
