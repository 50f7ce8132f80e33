using Bhrpc.Spring.Context;
using Bhrpc.Spring.Rpc;
using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Tests.Rpc;

/// <summary>Reads rpc XML into its <see cref="RpcConfiguration"/> without refreshing a context, to look at what the elements produced.</summary>
internal static class RpcXml
{
    public const string Echo = "Bhrpc.Spring.Tests.Rpc.IEcho, Bhrpc.Spring.Tests";
    public const string Xmlns = "xmlns:rpc=\"http://www.bhrpc.io/schema/rpc\"";

    public static RpcConfiguration Read(string file)
    {
        var registry = new ObjectDefinitionRegistry();
        new XmlObjectDefinitionReader(registry, new XmlApplicationContextOptions()).Load([file]);
        return RpcConfiguration.For(registry);
    }

    /// <summary>The first reference's options before Core's validation, with the consumer defaults applied.</summary>
    public static ReferenceOptions Reference(RpcConfiguration configuration)
        => configuration.References[0].CreateOptions(configuration.Consumer?.Defaults ?? new(), "test");
}
