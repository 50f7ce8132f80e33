using System.Text.RegularExpressions;

namespace Bhrpc.Deploy.Tests;

/// <summary>The configuration keys Bhrpc.Boot binds, as patterns ("{name}" and "{i}" stand for one key segment).</summary>
public static class ExpectedKeys
{
    /// <summary>Every key pattern Bhrpc.Boot binds.</summary>
    public static IReadOnlyList<string> Patterns => Bhrpc.Boot.BhrpcConfigurationKeys.All;

    /// <summary>The pattern <paramref name="key"/> matches (configuration keys are case-insensitive), or null.</summary>
    public static string? Match(string key) => Patterns.FirstOrDefault(pattern => ToRegex(pattern).IsMatch(key));

    /// <summary>"{anything}" matches one non-empty key segment; the rest matches literally, ignoring case.</summary>
    public static Regex ToRegex(string pattern)
    {
        var parts = Regex.Split(pattern, @"\{[^}]+\}").Select(Regex.Escape);
        return new Regex("^" + string.Join("[^:]+", parts) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
