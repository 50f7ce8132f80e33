namespace Bhrpc.Boot;

/// <summary>
/// Every configuration key Bhrpc.Boot reads, as patterns: <c>{name}</c> stands for a reference name and
/// <c>{i}</c> for the index of a service declared in configuration. Keys are case-insensitive; environment
/// variables use <c>__</c> for <c>:</c> (<c>Bhrpc__Server__Port</c>).
/// </summary>
public static class BhrpcConfigurationKeys
{
    /// <summary>The section Bhrpc.Boot binds.</summary>
    public const string Section = "Bhrpc";

    /// <summary>The keys of <c>Bhrpc:Server</c>.</summary>
    public static readonly IReadOnlyList<string> ServerKeys = ["Host", "Port", "AdvertiseHost", "Serializer", "HeartbeatInterval", "MaxFrameSize", "ShutdownTimeout"];

    /// <summary>The keys of <c>Bhrpc:Consumer</c>.</summary>
    public static readonly IReadOnlyList<string> ConsumerKeys = ["Version", "Group", "Registry", "Serializer", "Timeout", "LoadBalancer", "Proxy", "Oneway", "MethodNaming"];

    /// <summary>The keys of <c>Bhrpc:References:{name}</c>.</summary>
    public static readonly IReadOnlyList<string> ReferenceKeys = ["Interface", "Version", "Group", "Registry", "DirectAddress", "Serializer", "Timeout", "Oneway", "LoadBalancer", "Proxy", "ServiceName", "MethodNaming"];

    /// <summary>The keys of <c>Bhrpc:Services:{i}</c>.</summary>
    public static readonly IReadOnlyList<string> ServiceKeys = ["Interface", "Implementation", "Version", "Group", "Weight", "ServiceName", "MethodNaming"];

    /// <summary>Every key pattern, e.g. <c>Bhrpc:Server:Port</c>, <c>Bhrpc:References:{name}:Timeout</c>.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "Bhrpc:Registry",
        .. ServerKeys.Select(k => "Bhrpc:Server:" + k),
        .. ConsumerKeys.Select(k => "Bhrpc:Consumer:" + k),
        .. ReferenceKeys.Select(k => "Bhrpc:References:{name}:" + k),
        .. ServiceKeys.Select(k => "Bhrpc:Services:{i}:" + k),
    ];
}
