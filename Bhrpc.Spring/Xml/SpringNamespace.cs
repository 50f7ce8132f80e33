namespace Bhrpc.Spring.Xml;

/// <summary>The Spring.NET objects namespace.</summary>
internal static class SpringNamespace
{
    public const string Uri = "http://www.springframework.net";

    public static readonly System.Xml.Linq.XNamespace Ns = Uri;
}
