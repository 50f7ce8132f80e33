namespace Bhrpc.Metadata;

/// <summary>Applies a <see cref="MethodNaming"/> to a declared method name, and parses its configured spelling.</summary>
public static class MethodNames
{
    /// <summary>The spellings front ends accept, in the order messages list them.</summary>
    public static readonly IReadOnlyList<string> Spellings = ["asDeclared", "camelCase"];

    /// <summary><paramref name="declared"/> under <paramref name="naming"/>.</summary>
    public static string Apply(MethodNaming naming, string declared) => naming switch
    {
        MethodNaming.CamelCase => CamelCase(declared),
        _ => declared,
    };

    /// <summary>The first character lower-cased (invariant culture); the rest unchanged.</summary>
    public static string CamelCase(string name)
        => name.Length == 0 || !char.IsUpper(name[0]) ? name : string.Concat(char.ToLowerInvariant(name[0]).ToString(), name.AsSpan(1));

    /// <summary>Whether <paramref name="naming"/> is one of the defined values.</summary>
    public static bool IsDefined(MethodNaming naming) => naming is MethodNaming.AsDeclared or MethodNaming.CamelCase;

    /// <summary>
    /// Parses a configured naming, ignoring case: <c>asDeclared</c> or <c>camelCase</c>; null when
    /// <paramref name="text"/> is neither (the caller names the setting in its error).
    /// </summary>
    public static MethodNaming? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "asdeclared" => MethodNaming.AsDeclared,
        "camelcase" => MethodNaming.CamelCase,
        _ => null,
    };
}
