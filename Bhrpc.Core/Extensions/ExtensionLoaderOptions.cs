namespace Bhrpc.Extensions;

/// <summary>Options of an <see cref="ExtensionLoader"/>.</summary>
public sealed class ExtensionLoaderOptions
{
    /// <summary>
    /// A folder of plug-in assemblies (<c>*.dll</c>) whose <see cref="SpiClassAttribute"/> classes
    /// are added to the built-in ones. Default: null (no plug-ins).
    /// </summary>
    /// <remarks>
    /// The plug-ins are loaded, when the loader is first used, into one non-collectible
    /// <see cref="System.Runtime.Loader.AssemblyLoadContext"/> per loader, named
    /// <c>bhrpc-plugins:{full path}</c>. Their private dependencies come from the folder (through a
    /// <c>.deps.json</c> when there is one, else by file name); Bhrpc.Core, the framework and the
    /// application's own assemblies come from the default context, so do not ship a copy of
    /// Bhrpc.Core with a plug-in (reference it with <c>Private="false"</c>). A file that cannot be
    /// loaded is a <see cref="RpcStatusCode.Configuration"/> error naming it.
    /// </remarks>
    public string? PluginFolder { get; init; }
}
