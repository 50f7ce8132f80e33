using System.Globalization;
using Bhrpc.Extensions;
using Bhrpc.Metadata;
using Microsoft.Extensions.Configuration;

namespace Bhrpc.Boot.Internal;

/// <summary>Reads typed values from configuration; a bad value fails with a message naming the key and the expected form.</summary>
internal sealed partial class ConfigReader
{
    private readonly IConfiguration _configuration;

    /// <summary>A reader whose extension names (registry, serializer, load balancer, proxy) are checked against <paramref name="extensions"/>.</summary>
    public ConfigReader(IConfiguration configuration, ExtensionLoader extensions)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(extensions);
        _configuration = configuration;
        Extensions = extensions;
    }

    /// <summary>The loader the server and the client of the host create their extensions with.</summary>
    public ExtensionLoader Extensions { get; }

    /// <summary>The value, trimmed; null when missing or empty (empty means "not set", so an environment variable can clear nothing by accident).</summary>
    public string? String(string key)
    {
        var value = _configuration[key]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public int? Int(string key, int min, int max)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw Error(key, text, $"an integer {min}..{max}");
        }

        return value;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        return bool.TryParse(text, out var value) ? value : throw Error(key, text, "true or false");
    }

    /// <summary>A duration: a TimeSpan such as <c>00:00:05</c>, or <c>5s</c> / <c>500ms</c>.</summary>
    public TimeSpan? Duration(string key, bool allowZero)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        var expected = allowZero
            ? "a TimeSpan that is not negative, like 00:00:10 (or 10s, 500ms)"
            : "a positive TimeSpan, like 00:00:05 (or 5s, 500ms)";
        if (!TryParseDuration(text, out var value) || value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            throw Error(key, text, expected);
        }

        return value;
    }

    /// <summary>A method naming, ignoring case: <c>AsDeclared</c> or <c>CamelCase</c>.</summary>
    public MethodNaming? MethodNaming(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        return MethodNames.Parse(text) ?? throw Error(key, text, $"one of {string.Join(", ", Enum.GetNames<MethodNaming>())}");
    }

    public RegistryOptions? Registry(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        try
        {
            var registry = RegistryOptions.Parse(text);
            registry.Validate();
            var known = Extensions.Names<Bhrpc.Registry.IRegistryFactory>();
            if (!known.Contains(registry.Type))
            {
                throw new RpcException(RpcStatusCode.Configuration, $"the registry '{registry.Type}' is unknown; known: {string.Join(", ", known)}");
            }

            return registry;
        }
        catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration)
        {
            throw Error(key, text, "a registry URL: local://, local:///folder, zookeeper://host:2181[/root][?sessionTimeout=2s] or etcd://host:2379", e.Message);
        }
    }

    /// <summary>
    /// The name of an implementation of the extension point <typeparamref name="T"/> (<paramref name="what"/>, e.g.
    /// <c>serializer</c>), checked against <see cref="Extensions"/> so that an unknown name fails at start, not at
    /// the first call. Names are case-sensitive, as the loader resolves them.
    /// </summary>
    public string? Extension<T>(string key, string what)
        where T : class
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (!Extensions.Contains<T>(text))
        {
            throw Error(key, text, $"the name of a known {what}: {string.Join(", ", Extensions.Names<T>())}", $"no {what} is named '{text}'");
        }

        return text;
    }

    /// <summary>A type by assembly-qualified name (<c>Namespace.Type, Assembly</c>).</summary>
    public Type? Type(string key, bool mustBeInterface)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        System.Type? type;
        try
        {
            type = System.Type.GetType(text, throwOnError: false);
        }
        catch (Exception e) when (e is ArgumentException or IOException or BadImageFormatException)
        {
            type = null;
        }

        if (type is null)
        {
            throw Error(key, text, "a loadable type name 'Namespace.Type, Assembly'", "no such type was found");
        }

        if (mustBeInterface && !type.IsInterface)
        {
            throw Error(key, text, "a service interface", $"{type.FullName} is not an interface");
        }

        return type;
    }

    /// <summary>Throws when <paramref name="section"/> has a key not in <paramref name="known"/> (a typo would otherwise be ignored).</summary>
    public void CheckKnown(string section, IReadOnlyList<string> known)
    {
        foreach (var child in _configuration.GetSection(section).GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new RpcException(RpcStatusCode.Configuration, $"configuration key '{section}:{child.Key}' is unknown; the keys of {section} are {string.Join(", ", known)}.");
            }
        }
    }

    public static RpcException Error(string key, string value, string expected, string? detail = null)
        => new(RpcStatusCode.Configuration, $"configuration key '{key}' has the invalid value '{value}'{(detail is null ? string.Empty : $" ({detail.TrimEnd('.')})")}; expected {expected}.");

    private static bool TryParseDuration(string text, out TimeSpan value)
    {
        var culture = CultureInfo.InvariantCulture;
        if (text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) && double.TryParse(text[..^2], NumberStyles.Float, culture, out var ms))
        {
            value = TimeSpan.FromMilliseconds(ms);
            return true;
        }

        if (text.EndsWith('s') && double.TryParse(text[..^1], NumberStyles.Float, culture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return TimeSpan.TryParse(text, culture, out value);
    }
}
