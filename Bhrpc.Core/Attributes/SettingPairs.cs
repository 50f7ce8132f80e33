namespace Bhrpc.Attributes;

/// <summary>Reads the <c>"key=value"</c> settings of the extension attributes into an <see cref="Extensions.ExtensionSpec"/>.</summary>
internal static class SettingPairs
{
    /// <summary>
    /// The extension <paramref name="name"/> with <paramref name="pairs"/> as settings; each pair is split at its first
    /// <c>=</c>, so a value may itself contain <c>=</c> (a condition rule).
    /// </summary>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: a pair without <c>=</c> or key, or a key given twice; the message names <paramref name="source"/>.</exception>
    public static Extensions.ExtensionSpec ToSpec(string name, IReadOnlyList<string>? pairs, string source)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs ?? [])
        {
            var equals = pair?.IndexOf('=', StringComparison.Ordinal) ?? -1;
            var key = equals > 0 ? pair![..equals].Trim() : string.Empty;
            if (key.Length == 0)
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{source}: setting '{pair}' is not key=value; expected for example \"level=info\".");
            }

            if (!settings.TryAdd(key, pair![(equals + 1)..]))
            {
                throw new RpcException(RpcStatusCode.Configuration, $"{source}: setting '{key}' is given twice.");
            }
        }

        return new Extensions.ExtensionSpec(name, settings, source);
    }
}
