using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bhrpc.Extensions;

/// <summary>
/// What an extension is made with: its name, its owner (which client, server, reference or service it serves),
/// the owner's clock and logging, and its settings. An extension with a constructor taking this context gets it;
/// <see cref="Bind{TOptions}"/> turns the settings into its options class, validated.
/// </summary>
public sealed class ExtensionContext
{
    private static readonly IReadOnlyDictionary<string, string> s_none = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Makes a context.</summary>
    /// <param name="name">The extension's name.</param>
    /// <param name="owner">Who it serves and where it was configured, for messages, e.g. <c>reference Demo.IGreeter#1.0.0#</c> or <c>Bhrpc:References:greeter:Filters:0</c>.</param>
    /// <param name="settings">Its settings (null: none).</param>
    /// <param name="timeProvider">The owner's clock (null: the system's).</param>
    /// <param name="loggerFactory">The owner's logging (null: none).</param>
    public ExtensionContext(string name, string owner, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        Name = name;
        Owner = owner;
        Settings = settings ?? s_none;
        TimeProvider = timeProvider ?? TimeProvider.System;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>The extension's name.</summary>
    public string Name { get; }

    /// <summary>Who the extension serves, as named in errors (<c>Owner:Key</c>).</summary>
    public string Owner { get; }

    /// <summary>The settings as configured (string key/values).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The owner's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The owner's logging.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>
    /// A new <typeparamref name="TOptions"/> with the settings bound to its public settable properties (names
    /// compared ignoring case and <c>-</c>/<c>_</c>, so <c>max-retries</c> sets <c>MaxRetries</c>), then validated
    /// with its DataAnnotations. Values: strings, numbers (invariant culture), <c>true</c>/<c>false</c>, enums by
    /// name, and durations as <c>500ms</c>, <c>2s</c>, <c>1m</c>, <c>1h</c> or <c>00:00:02</c>.
    /// </summary>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: an unknown key, a value that does not convert, or a failed validation; the message names <c>Owner:Key</c>, what was expected and the known keys.</exception>
    public TOptions Bind<TOptions>()
        where TOptions : class, new()
    {
        var options = new TOptions();
        var properties = typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic && p.GetIndexParameters().Length == 0)
            .ToDictionary(p => Normalize(p.Name), StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in Settings)
        {
            if (!properties.TryGetValue(Normalize(key), out var property))
            {
                var known = properties.Count == 0 ? "it takes no settings" : "known keys: " + string.Join(", ", properties.Values.Select(p => Kebab(p.Name)).Order(StringComparer.Ordinal));
                throw Error(key, $"'{Name}' has no setting '{key}'; {known}");
            }

            property.SetValue(options, Convert(key, value, property.PropertyType));
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var first = results[0];
            var member = first.MemberNames.FirstOrDefault() is { } m ? Kebab(m) : "settings";
            throw Error(member, first.ErrorMessage ?? "the value is not valid");
        }

        return options;
    }

    /// <summary>The configuration error for setting <paramref name="key"/>: <c>Owner:Key: message</c>.</summary>
    public RpcException Error(string key, string message) => new(RpcStatusCode.Configuration, $"{Owner}:{key}: {message.TrimEnd('.')}.");

    /// <summary>Parses a duration setting: <c>500ms</c>, <c>2s</c>, <c>1m</c>, <c>1h</c>, or a <see cref="TimeSpan"/> such as <c>00:00:02</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var trimmed = text.Trim();
        (string Suffix, double Scale)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, scale) in units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(trimmed[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && double.IsFinite(number))
            {
                duration = TimeSpan.FromMilliseconds(number * scale);
                return true;
            }
        }

        return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out duration);
    }

    private object? Convert(string key, string value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            if (target == typeof(string))
            {
                return value;
            }

            if (target == typeof(bool) && bool.TryParse(value.Trim(), out var flag))
            {
                return flag;
            }

            if (target == typeof(TimeSpan) && TryParseDuration(value, out var duration))
            {
                return duration;
            }

            if (target.IsEnum && Enum.TryParse(target, value.Trim().Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var member) && Enum.IsDefined(target, member!))
            {
                return member;
            }

            if (target.IsPrimitive || target == typeof(decimal))
            {
                return System.Convert.ChangeType(value.Trim(), target, CultureInfo.InvariantCulture);
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException)
        {
            // Reported below with what was expected.
        }

        throw Error(key, $"'{value}' is not {Expected(target)}");
    }

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(TimeSpan) => "a duration such as 500ms, 2s, 1m or 00:00:02",
        _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type.IsPrimitive || type == typeof(decimal) => "a number",
        _ => $"a {type.Name}",
    };

    private static string Normalize(string name) => name.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);

    private static string Kebab(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
