namespace Bhrpc.Metadata;

/// <summary>
/// Gives a .NET type the portable name used in <c>parameterTypes</c> (for example the Java class
/// name of its counterpart). Without it a .NET-only type is named by its full name.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum | AttributeTargets.Interface, Inherited = false)]
public sealed class PortableNameAttribute(string name) : Attribute
{
    /// <summary>The portable name.</summary>
    public string Name { get; } = name;
}
