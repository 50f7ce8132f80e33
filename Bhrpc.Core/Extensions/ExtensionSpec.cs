namespace Bhrpc.Extensions;

/// <summary>
/// An extension as configured: its name and its settings (string key/values, bound into the extension's options
/// class when it is created). Every front end fills these the same way: an XML element's attributes, an attribute's
/// name list, an appsettings section's keys. In a filter list, <c>-name</c> removes a filter the client or server
/// lists globally.
/// </summary>
public sealed class ExtensionSpec
{
    /// <summary>An extension named <paramref name="name"/> with no settings.</summary>
    public ExtensionSpec(string name)
        : this(name, null, null)
    {
    }

    /// <summary>An extension named <paramref name="name"/> with <paramref name="settings"/>; <paramref name="source"/> says where it was configured, for errors.</summary>
    public ExtensionSpec(string name, IReadOnlyDictionary<string, string>? settings, string? source = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new RpcException(RpcStatusCode.Configuration, $"{source ?? "an extension"}: the extension name is empty; expected a name such as 'failover' or 'random'.");
        }

        Name = name.Trim();
        Settings = settings is null ? s_none : new Dictionary<string, string>(settings, StringComparer.OrdinalIgnoreCase);
        Source = source;
    }

    private static readonly IReadOnlyDictionary<string, string> s_none = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The extension's name (in a filter list, <c>-name</c> removes a global filter).</summary>
    public string Name { get; }

    /// <summary>The settings, keys compared ignoring case.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Where it was configured, for example <c>app.xml:12</c> or <c>Bhrpc:References:greeter:Filters:0</c>; null when made in code.</summary>
    public string? Source { get; }

    /// <summary>Whether this entry removes a global filter (<c>-name</c>).</summary>
    public bool IsRemoval => Name.StartsWith('-');

    /// <summary>An extension named <paramref name="name"/> with no settings.</summary>
    public static implicit operator ExtensionSpec(string name) => new(name);

    /// <inheritdoc />
    public override string ToString() => Settings.Count == 0 ? Name : $"{Name}({string.Join(", ", Settings.Select(s => $"{s.Key}={s.Value}"))})";
}
