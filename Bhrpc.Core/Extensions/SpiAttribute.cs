namespace Bhrpc.Extensions;

/// <summary>Marks an interface as an extension point; <see cref="DefaultName"/> is used when no name is configured.</summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class SpiAttribute(string defaultName) : Attribute
{
    /// <summary>The extension used when configuration names none.</summary>
    public string DefaultName { get; } = defaultName;
}
