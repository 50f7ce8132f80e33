using System.Text.RegularExpressions;

namespace Bhrpc.Deploy.Tests;

/// <summary>The configuration keys Bhrpc.Boot binds, as patterns ("{name}" and "{i}" stand for one key segment).</summary>
public static class ExpectedKeys
{
    /// <summary>
    /// THE SINGLE SWITCH: until Bhrpc.Boot is in this branch the tests check against <see cref="Mirror"/>.
    /// Once it lands, reference Bhrpc.Boot from this project (see the csproj) and make this
    /// <c>public static IReadOnlyList&lt;string&gt; Patterns =&gt; Bhrpc.Boot.BhrpcConfigurationKeys.All;</c>
    /// and delete <see cref="Mirror"/>.
    /// </summary>
    public static IReadOnlyList<string> Patterns => Mirror;

    /// <summary>A copy of the key list agreed for Bhrpc.Boot; temporary, see <see cref="Patterns"/>.</summary>
    public static readonly IReadOnlyList<string> Mirror =
    [
        "Bhrpc:Registry",
        "Bhrpc:Server:Host",
        "Bhrpc:Server:Port",
        "Bhrpc:Server:AdvertiseHost",
        "Bhrpc:Server:Serializer",
        "Bhrpc:Server:HeartbeatInterval",
        "Bhrpc:Server:MaxFrameSize",
        "Bhrpc:Server:ShutdownTimeout",
        "Bhrpc:Consumer:Version",
        "Bhrpc:Consumer:Group",
        "Bhrpc:Consumer:Registry",
        "Bhrpc:Consumer:Serializer",
        "Bhrpc:Consumer:Timeout",
        "Bhrpc:Consumer:LoadBalancer",
        "Bhrpc:Consumer:Proxy",
        "Bhrpc:Consumer:Oneway",
        "Bhrpc:References:{name}:Interface",
        "Bhrpc:References:{name}:Version",
        "Bhrpc:References:{name}:Group",
        "Bhrpc:References:{name}:Registry",
        "Bhrpc:References:{name}:DirectAddress",
        "Bhrpc:References:{name}:Serializer",
        "Bhrpc:References:{name}:Timeout",
        "Bhrpc:References:{name}:Oneway",
        "Bhrpc:References:{name}:LoadBalancer",
        "Bhrpc:References:{name}:Proxy",
        "Bhrpc:References:{name}:ServiceName",
        "Bhrpc:Services:{i}:Interface",
        "Bhrpc:Services:{i}:Implementation",
        "Bhrpc:Services:{i}:Version",
        "Bhrpc:Services:{i}:Group",
        "Bhrpc:Services:{i}:Weight",
        "Bhrpc:Services:{i}:ServiceName",
    ];

    /// <summary>The pattern <paramref name="key"/> matches (configuration keys are case-insensitive), or null.</summary>
    public static string? Match(string key) => Patterns.FirstOrDefault(pattern => ToRegex(pattern).IsMatch(key));

    /// <summary>"{anything}" matches one non-empty key segment; the rest matches literally, ignoring case.</summary>
    public static Regex ToRegex(string pattern)
    {
        var parts = Regex.Split(pattern, @"\{[^}]+\}").Select(Regex.Escape);
        return new Regex("^" + string.Join("[^:]+", parts) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
