namespace Bhrpc.Extensions;

/// <summary>
/// Marks an interface as an extension point; <see cref="DefaultName"/> is used when no name is configured. It is the
/// one place a point's default lives: options that name an extension start from it.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class SpiAttribute(string? defaultName) : Attribute
{
    /// <summary>The extension used when configuration names none; null when the point has no default (filters, routers).</summary>
    public string? DefaultName { get; } = defaultName;
}
