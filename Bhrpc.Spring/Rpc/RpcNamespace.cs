using System.Xml.Linq;

namespace Bhrpc.Spring.Rpc;

/// <summary>The bhrpc XML namespace: <c>xmlns:rpc="http://www.bhrpc.io/schema/rpc"</c>.</summary>
public static class RpcNamespace
{
    /// <summary>The namespace URI.</summary>
    public const string Uri = "http://www.bhrpc.io/schema/rpc";

    /// <summary>The name of the embedded schema resource.</summary>
    internal const string SchemaResource = "Bhrpc.Spring.Rpc.rpc.xsd";

    internal static readonly XNamespace Ns = Uri;
}
