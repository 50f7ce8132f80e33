namespace Bhrpc.Extensions;

/// <summary>Options of an <see cref="ExtensionLoader"/>.</summary>
public sealed class ExtensionLoaderOptions
{
    /// <summary>
    /// A folder of plug-in assemblies (<c>*.dll</c>) whose <see cref="SpiClassAttribute"/> classes
    /// are added to the built-in ones. Default: null (no plug-ins).
    /// </summary>
    public string? PluginFolder { get; init; }
}
