namespace Bhrpc;

/// <summary>Which registry to use and where it is.</summary>
public sealed class RegistryOptions
{
    /// <summary>The registry extension name: <c>local</c> (default; embedded, no server), later <c>zookeeper</c>, <c>etcd</c>.</summary>
    public string Type { get; set; } = "local";

    /// <summary>
    /// The registry address. For <c>local</c>: a folder shared by the processes of one machine;
    /// default (null or empty) is <c>{temp}/bhrpc-registry</c>.
    /// </summary>
    public string? Address { get; set; }

    /// <summary>
    /// For <c>local</c>: how often a provider refreshes its instance files. Default 2 s. An instance
    /// not refreshed for three intervals is treated as gone (its process died).
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>For <c>local</c>: how long a consumer reuses a discovery result. Default 500 ms.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Throws when a setting is out of range, naming the setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Type))
        {
            throw new RpcException(RpcStatusCode.Configuration, "RegistryOptions.Type is empty; expected a registry name such as 'local'.");
        }

        if (HeartbeatInterval <= TimeSpan.Zero)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"RegistryOptions.HeartbeatInterval must be positive; got {HeartbeatInterval}.");
        }

        if (CacheDuration < TimeSpan.Zero)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"RegistryOptions.CacheDuration must not be negative; got {CacheDuration}.");
        }
    }

    /// <summary>A copy, so that a caller's later changes do not reach a running component.</summary>
    public RegistryOptions Clone() => (RegistryOptions)MemberwiseClone();
}
