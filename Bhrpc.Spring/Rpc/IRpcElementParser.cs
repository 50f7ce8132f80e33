using System.Xml.Linq;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Rpc;

/// <summary>Parses one element of the rpc namespace (already validated against <c>rpc.xsd</c>).</summary>
internal interface IRpcElementParser
{
    /// <summary>Reads <paramref name="element"/> into <paramref name="configuration"/> and registers its object definitions.</summary>
    void Parse(XElement element, ParserContext context, RpcConfiguration configuration);
}
