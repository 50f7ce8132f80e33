namespace Bhrpc.Metadata;

/// <summary>
/// How the methods of a reference or an exported service are named on the wire (the request's <c>methodName</c>).
/// A method's own <see cref="PortableNameAttribute"/> always wins over the naming.
/// </summary>
public enum MethodNaming
{
    /// <summary>The .NET name as declared, <c>Hello</c> (the default).</summary>
    AsDeclared,

    /// <summary>
    /// Java's convention: the declared name with its first character lower-cased, <c>Hello</c> → <c>hello</c>,
    /// <c>GetURL</c> → <c>getURL</c>, <c>IOStream</c> → <c>iOStream</c> (give such a method a
    /// <see cref="PortableNameAttribute"/> when the Java name differs).
    /// </summary>
    CamelCase,
}
