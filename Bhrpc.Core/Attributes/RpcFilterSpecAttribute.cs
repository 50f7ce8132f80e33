namespace Bhrpc.Attributes;

/// <summary>
/// A filter with settings for the <see cref="RpcReferenceAttribute"/> member (consumer) or the
/// <see cref="RpcServiceAttribute"/> class (provider) it is placed on; allowed more than once. Settings are
/// <c>"key=value"</c> strings, bound into the filter's options class when it is created. When the same name is also
/// in the attribute's <c>Filters</c> list, the settings go to that entry (so the list fixes the order); otherwise the
/// filter is added after the list.
/// <code>
/// [RpcReference(Filters = new[] { "audit" })]
/// [RpcFilterSpec("audit", "level=info", "window=1s")]
/// private readonly IGreeter _greeter = null!;
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RpcFilterSpecAttribute : Attribute
{
    /// <summary>The filter <paramref name="name"/> with <paramref name="settings"/> (<c>"key=value"</c> each).</summary>
    public RpcFilterSpecAttribute(string name, params string[] settings)
    {
        Name = name;
        Settings = settings ?? [];
    }

    /// <summary>The filter's name (its <c>[SpiClass]</c> name).</summary>
    public string Name { get; }

    /// <summary>The settings, <c>"key=value"</c> each; a value may contain <c>=</c>.</summary>
    public IReadOnlyList<string> Settings { get; }

    /// <summary>The filter as an <see cref="Extensions.ExtensionSpec"/>; <paramref name="source"/> names where it was declared.</summary>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: an empty name or a setting that is not key=value.</exception>
    public Extensions.ExtensionSpec ToSpec(string source) => SettingPairs.ToSpec(Name, Settings, source);
}
