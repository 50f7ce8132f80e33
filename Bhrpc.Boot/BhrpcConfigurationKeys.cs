namespace Bhrpc.Boot;

/// <summary>
/// Every configuration key Bhrpc.Boot reads, as patterns: <c>{name}</c> stands for a reference name, <c>{i}</c> for
/// the index of a service declared in configuration or of a list entry (filters, routers), <c>{method}</c> for a
/// method's declared or wire name and <c>{setting}</c> for an extension's own setting. Keys are case-insensitive;
/// environment variables use <c>__</c> for <c>:</c> (<c>Bhrpc__Server__Port</c>).
/// </summary>
public static class BhrpcConfigurationKeys
{
    /// <summary>The section Bhrpc.Boot binds.</summary>
    public const string Section = "Bhrpc";

    /// <summary>The keys directly under <c>Bhrpc</c>.</summary>
    public static readonly IReadOnlyList<string> SectionKeys = ["Registry", "Extensions", "Server", "Client", "Consumer", "References", "Services"];

    /// <summary>The keys of <c>Bhrpc:Extensions</c>.</summary>
    public static readonly IReadOnlyList<string> ExtensionsKeys = ["PluginFolder"];

    /// <summary>The keys of <c>Bhrpc:Server</c>.</summary>
    public static readonly IReadOnlyList<string> ServerKeys = ["Host", "Port", "AdvertiseHost", "Serializer", "HeartbeatInterval", "MaxFrameSize", "ShutdownTimeout", "GracePeriod", "Filters"];

    /// <summary>The keys of <c>Bhrpc:Client</c> (the one client of the host, shared by every reference).</summary>
    public static readonly IReadOnlyList<string> ClientKeys = ["EjectionBackoff", "MaxEjectionBackoff", "EjectAfterFailures", "Filters"];

    /// <summary>The keys of <c>Bhrpc:Consumer</c>.</summary>
    public static readonly IReadOnlyList<string> ConsumerKeys = ["Version", "Group", "Registry", "Serializer", "Timeout", "LoadBalancer", "Proxy", "Oneway", "MethodNaming", "Cluster", "Retries", "AttemptTimeout", "Lazy"];

    /// <summary>The keys of <c>Bhrpc:References:{name}</c>.</summary>
    public static readonly IReadOnlyList<string> ReferenceKeys =
    [
        "Interface", "Version", "Group", "Registry", "DirectAddress", "Serializer", "Timeout", "Oneway", "LoadBalancer", "Proxy", "ServiceName", "MethodNaming",
        "Cluster", "Retries", "AttemptTimeout", "Lazy", "Filters", "Routers", "Methods",
    ];

    /// <summary>The keys of <c>Bhrpc:References:{name}:Methods:{method}</c>.</summary>
    public static readonly IReadOnlyList<string> ReferenceMethodKeys = ["Timeout", "AttemptTimeout", "Retries", "Oneway", "Idempotent"];

    /// <summary>The keys of <c>Bhrpc:Services:{i}</c>.</summary>
    public static readonly IReadOnlyList<string> ServiceKeys = ["Interface", "Implementation", "Version", "Group", "Weight", "ServiceName", "MethodNaming", "Tag", "Filters", "Methods"];

    /// <summary>The keys of <c>Bhrpc:Services:{i}:Methods:{method}</c>: only the timeout applies on a provider.</summary>
    public static readonly IReadOnlyList<string> ServiceMethodKeys = ["Timeout"];

    /// <summary>Every key pattern, e.g. <c>Bhrpc:Server:Port</c>, <c>Bhrpc:References:{name}:Filters:{i}:Name</c>.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "Bhrpc:Registry",
        .. ExtensionsKeys.Select(k => "Bhrpc:Extensions:" + k),
        .. ServerKeys.SelectMany(k => Expand("Bhrpc:Server:", k, [])),
        .. ClientKeys.SelectMany(k => Expand("Bhrpc:Client:", k, [])),
        .. ConsumerKeys.SelectMany(k => Expand("Bhrpc:Consumer:", k, [])),
        .. ReferenceKeys.SelectMany(k => Expand("Bhrpc:References:{name}:", k, ReferenceMethodKeys)),
        .. ServiceKeys.SelectMany(k => Expand("Bhrpc:Services:{i}:", k, ServiceMethodKeys)),
    ];

    /// <summary>
    /// The patterns of one key: an extension list (<c>Filters</c>, <c>Routers</c>) has entries that are a name or a
    /// section with <c>Name</c> and settings; <c>Cluster</c> is a name or such a section; <c>Methods</c> has a
    /// section per method; any other key is one value.
    /// </summary>
    private static IEnumerable<string> Expand(string prefix, string key, IReadOnlyList<string> methodKeys) => key switch
    {
        "Filters" or "Routers" => [$"{prefix}{key}:{{i}}", $"{prefix}{key}:{{i}}:Name", $"{prefix}{key}:{{i}}:{{setting}}"],
        "Cluster" => [prefix + key, $"{prefix}{key}:Name", $"{prefix}{key}:{{setting}}"],
        "Methods" => methodKeys.Select(m => $"{prefix}{key}:{{method}}:{m}"),
        _ => [prefix + key],
    };
}
