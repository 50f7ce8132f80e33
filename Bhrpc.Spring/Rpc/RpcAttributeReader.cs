using System.Globalization;
using System.Xml.Linq;
using Bhrpc.Injection;
using Bhrpc.Metadata;
using Bhrpc.Spring.Context;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Rpc;

/// <summary>Reads the typed attributes of one rpc element, placeholders resolved; errors name the attribute and its file:line:column.</summary>
internal readonly struct RpcAttributeReader(XElement element, ParserContext context)
{
    public string Tag => $"<rpc:{element.Name.LocalName}>";

    public string? String(string name) => context.Attribute(element, name);

    public string Required(string name)
        => String(name) is { Length: > 0 } value ? value : throw Error(name, $"{Tag} needs a non-empty '{name}' attribute.");

    public int? Int(string name, int min, int max)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Error(name, $"{Tag} {name}='{text}' is not a whole number in {min}..{max}.");
    }

    public bool? Bool(string name)
    {
        var text = String(name);
        return text is null ? null
            : text is "true" or "1" ? true
            : text is "false" or "0" ? false
            : throw Error(name, $"{Tag} {name}='{text}' is not true or false.");
    }

    /// <summary>A positive duration (with <paramref name="allowZero"/>, zero too): milliseconds (<c>500</c>), <c>500ms</c> or <c>2s</c>.</summary>
    public TimeSpan? Duration(string name, bool allowZero = false)
    {
        var text = String(name)?.Trim();
        if (text is null)
        {
            return null;
        }

        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : (text, 1.0);
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && (value > 0 || (allowZero && value == 0))
            ? TimeSpan.FromMilliseconds(value * scale)
            : throw Error(name, $"{Tag} {name}='{text}' is not a {(allowZero ? "positive or zero" : "positive")} duration; expected milliseconds or a number with 'ms' or 's', like {(allowZero ? "0, " : string.Empty)}500ms or 2s.");
    }

    /// <summary>
    /// An extension name of point <typeparamref name="T"/>, checked once all XML is read against the context's
    /// extension loader (plug-ins of <c>&lt;rpc:extensions&gt;</c> included); null when absent.
    /// </summary>
    public string? Extension<T>(string name, RpcConfiguration configuration)
        where T : class
    {
        var value = String(name);
        if (value is not null)
        {
            var setting = $"{Tag} {name}='{value}'";
            configuration.CheckLater(Location(name), loader => ExtensionChecks.CheckName<T>(value, loader, setting));
        }

        return value;
    }

    /// <summary>A method naming: <c>asDeclared</c> or <c>camelCase</c>.</summary>
    public MethodNaming? MethodNaming(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return MethodNames.Parse(text)
            ?? throw Error(name, $"{Tag} {name}='{text}' is not a method naming; expected one of {string.Join(", ", MethodNames.Spellings)}.");
    }

    /// <summary>The interface named by <paramref name="name"/> (<c>Namespace.IType, Assembly</c>).</summary>
    public Type Interface(string name)
    {
        var typeName = Required(name);
        var type = TypeResolver.Resolve(typeName)
            ?? throw Error(name, $"{Tag} {name}='{typeName}': the type could not be found ({TypeResolver.DescribeSearch(typeName)}); expected \"Namespace.IService, Assembly\".");
        return type.IsInterface ? type : throw Error(name, $"{Tag} {name}='{typeName}' is a class, not an interface; a service is exported and referenced through its interface.");
    }

    public SourceLocation Location(string? attribute = null)
        => context.LocationOf(attribute is not null && element.Attribute(attribute) is { } a ? a : element);

    public ObjectDefinitionException Error(string attribute, string message, Exception? inner = null)
        => new(message, Location(attribute), inner);
}
