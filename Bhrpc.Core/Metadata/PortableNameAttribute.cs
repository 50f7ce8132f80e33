namespace Bhrpc.Metadata;

/// <summary>
/// On a type: the portable name used in <c>parameterTypes</c> (for example the Java class name of its
/// counterpart); without it a .NET-only type is named by its full name. On an interface method: the method
/// name sent and matched on the wire (for example the Java method's name, <c>[PortableName("hello")]</c>); it
/// always wins over the reference's or service's <see cref="MethodNaming"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum | AttributeTargets.Interface | AttributeTargets.Method, Inherited = false)]
public sealed class PortableNameAttribute(string name) : Attribute
{
    /// <summary>The portable name.</summary>
    public string Name { get; } = name;
}
