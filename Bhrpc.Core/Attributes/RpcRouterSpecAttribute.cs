namespace Bhrpc.Attributes;

/// <summary>
/// A router with settings for the <see cref="RpcReferenceAttribute"/> member it is placed on; allowed more than once.
/// Settings are <c>"key=value"</c> strings split at the first <c>=</c>, so a condition rule fits:
/// <c>[RpcRouterSpec("condition", "rule=method=find* => host=10.0.*")]</c>. When the same name is also in the
/// attribute's <c>Routers</c> list, the settings go to that entry (the list fixes the order); otherwise the router is
/// added after the list.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class RpcRouterSpecAttribute : Attribute
{
    /// <summary>The router <paramref name="name"/> with <paramref name="settings"/> (<c>"key=value"</c> each).</summary>
    public RpcRouterSpecAttribute(string name, params string[] settings)
    {
        Name = name;
        Settings = settings ?? [];
    }

    /// <summary>The router's name (its <c>[SpiClass]</c> name).</summary>
    public string Name { get; }

    /// <summary>The settings, <c>"key=value"</c> each; a value may contain <c>=</c>.</summary>
    public IReadOnlyList<string> Settings { get; }

    /// <summary>The router as an <see cref="Extensions.ExtensionSpec"/>; <paramref name="source"/> names where it was declared.</summary>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: an empty name or a setting that is not key=value.</exception>
    public Extensions.ExtensionSpec ToSpec(string source) => SettingPairs.ToSpec(Name, Settings, source);
}
