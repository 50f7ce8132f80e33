using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Bhrpc.Spring.Xml;

/// <summary>Replaces <c>${key}</c> and <c>${key:default}</c> from properties files, then environment variables, then the default.</summary>
internal sealed partial class PlaceholderResolver
{
    private readonly Dictionary<string, string> _properties = new(StringComparer.Ordinal);

    /// <summary>Adds <c>key=value</c> lines (<c>#</c> and <c>!</c> start comments); the first file to define a key wins.</summary>
    public void AddProperties(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] is '#' or '!')
            {
                continue;
            }

            var equals = trimmed.IndexOf('=');
            if (equals > 0)
            {
                _properties.TryAdd(trimmed[..equals].Trim(), trimmed[(equals + 1)..].Trim());
            }
        }
    }

    public string Resolve(string text, XObject? node, ParserContext context)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        return Placeholder().Replace(text, match =>
        {
            var key = match.Groups["key"].Value.Trim();
            if (_properties.TryGetValue(key, out var value) || (value = Environment.GetEnvironmentVariable(key)) is not null)
            {
                return value;
            }

            if (match.Groups["default"].Success)
            {
                return match.Groups["default"].Value;
            }

            throw context.Error(node, $"Placeholder '${{{key}}}' could not be resolved: no properties file entry, environment variable or default for '{key}'.");
        });
    }

    [GeneratedRegex(@"\$\{(?<key>[^}:]+)(?::(?<default>[^}]*))?\}")]
    private static partial Regex Placeholder();
}
