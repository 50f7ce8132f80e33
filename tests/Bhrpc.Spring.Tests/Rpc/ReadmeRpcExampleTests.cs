using System.Xml.Linq;
using System.Xml.Schema;
using Bhrpc.Spring.Rpc;
using Bhrpc.Tests.Shared;

namespace Bhrpc.Spring.Tests.Rpc;

/// <summary>The README's rpc namespace example uses only elements and attributes the embedded XSD allows.</summary>
public sealed class ReadmeRpcExampleTests
{
    [Test]
    public void EveryRpcElementOfTheReadmeExample_IsValidAgainstTheSchema()
    {
        var example = XDocument.Parse(ReadmeExample());
        var schema = new RpcNamespaceParser().Schema!;
        var elements = example.Root!.Elements().Where(e => e.Name.NamespaceName == RpcNamespace.Uri).ToList();
        var errors = new List<string>();
        foreach (var element in elements)
        {
            new XDocument(new XElement(element)).Validate(schema, (_, e) => errors.Add($"<rpc:{element.Name.LocalName}>: {e.Message}"));
        }

        Assert.That(elements.Select(e => e.Name.LocalName), Is.SupersetOf(new[] { "registry", "server", "service", "consumer", "reference", "extensions", "annotation-driven" }));
        Assert.That(errors, Is.Empty);
    }

    /// <summary>The xml block after the heading "### The rpc namespace" in the repository's README.md.</summary>
    private static string ReadmeExample()
        => ReadmeBlocks.After(l => l == "### The rpc namespace", "xml", "'The rpc namespace' section");
}
