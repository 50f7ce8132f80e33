using Bhrpc.Protocol;

namespace Bhrpc.Registry;

/// <summary>
/// One provider of one service, as a registry stores it (Java bhrpc's <c>ServiceMeta</c> plus the
/// instance id and registration time).
/// </summary>
/// <param name="ServiceName">The service name (interface full name unless configured otherwise).</param>
/// <param name="Version">The service version.</param>
/// <param name="Group">The service group (may be empty).</param>
/// <param name="Host">The advertised host or IP.</param>
/// <param name="Port">The advertised port.</param>
/// <param name="Weight">The weight, 1..100.</param>
/// <param name="Id">The instance id (a UUID).</param>
/// <param name="RegisteredAt">When the instance registered.</param>
public sealed record ServiceInstance(
    string ServiceName,
    string Version,
    string Group,
    string Host,
    int Port,
    int Weight,
    string Id,
    DateTimeOffset RegisteredAt)
{
    /// <summary><c>{serviceName}#{version}#{group}</c>.</summary>
    public string ServiceKey => Protocol.ServiceKey.Build(ServiceName, Version, Group);

    /// <summary>
    /// The provider's tag for tag routing (<see cref="ServiceOptions.Tag"/>); null when it has none. Written to the
    /// registry payload as <c>tag</c> only when set (Java bhrpc's reader ignores the key).
    /// </summary>
    public string? Tag { get; init; }

    /// <summary><c>host:port</c>.</summary>
    public string Address => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
