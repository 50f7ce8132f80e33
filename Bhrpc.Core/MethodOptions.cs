namespace Bhrpc;

/// <summary>
/// Settings of one method of a reference or of a service, overriding the reference's or service's own.
/// <see cref="Name"/> is the method's declared name (<c>Find</c>) or its wire name (<c>find</c>); it applies to
/// every overload of that name. On a service only <see cref="Timeout"/> applies (the method's token fires then);
/// the consumer settings are refused there.
/// </summary>
public sealed class MethodOptions
{
    /// <summary>The method's declared or wire name.</summary>
    public required string Name { get; set; }

    /// <summary>The call's timeout (all attempts together); null: the reference's. On a service: the longest the method may run before its token fires.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>The longest one attempt may wait before a retry may begin; null: the reference's.</summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>Retries after the first attempt, for a cluster that retries (<c>failover</c>; <c>failback</c> has its own <c>max-attempts</c>); null: the reference's.</summary>
    public int? Retries { get; set; }

    /// <summary>Oneway: sent, no response; null: the reference's. Only for methods that return no value.</summary>
    public bool? Oneway { get; set; }

    /// <summary>Whether the method may run twice (timeouts and remote failures are then retried); null: its <see cref="Metadata.IdempotentAttribute"/>.</summary>
    public bool? Idempotent { get; set; }

    /// <summary>A copy.</summary>
    public MethodOptions Clone() => (MethodOptions)MemberwiseClone();
}
