namespace Bhrpc.Extensions;

/// <summary>
/// Marks a class as the implementation of an extension point under <see cref="Name"/>. The class
/// needs a public parameterless constructor; a new instance is made for every server, client or
/// reference that asks for it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SpiClassAttribute(string name) : Attribute
{
    /// <summary>The name configuration uses to pick this implementation.</summary>
    public string Name { get; } = name;

    /// <summary>Other names for the same implementation (for example Java bhrpc's names).</summary>
    public string[] Aliases { get; init; } = [];
}
