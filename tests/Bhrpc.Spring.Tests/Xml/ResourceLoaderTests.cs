using Bhrpc.Spring.Xml;

namespace Bhrpc.Spring.Tests.Xml;

public sealed class ResourceLoaderTests
{
    [Test]
    public void Resolve_RelativeToAssemblyResource_StaysInTheAssembly()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ResourceLoader.Resolve("b.xml", "assembly://Asm/Folder/a.xml", "/base"), Is.EqualTo("assembly://Asm/Folder/b.xml"));
            Assert.That(ResourceLoader.Resolve("../c/d.xml", "assembly://Asm/Folder/Sub/a.xml", "/base"), Is.EqualTo("assembly://Asm/Folder/c/d.xml"));
        });
    }

    [Test]
    public void Resolve_FilePaths_AreRelativeToIncludingFileOrBaseDirectory()
    {
        var root = Path.GetPathRoot(Path.GetTempPath())!;
        var including = Path.Combine(root, "x", "y", "a.xml");

        Assert.Multiple(() =>
        {
            Assert.That(ResourceLoader.Resolve("b.xml", including, "/ignored"), Is.EqualTo(Path.Combine(root, "x", "y", "b.xml")));
            Assert.That(ResourceLoader.Resolve("b.xml", null, Path.Combine(root, "base")), Is.EqualTo(Path.Combine(root, "base", "b.xml")));
            Assert.That(ResourceLoader.Resolve("assembly://A/b.xml", including, "/ignored"), Is.EqualTo("assembly://A/b.xml"));
        });
    }

    [Test]
    public void Open_EmbeddedResource_UsesAssemblyNameDotPath()
    {
        using var stream = ResourceLoader.Open("assembly://Bhrpc.Spring.Tests/TestData/embedded/inner.xml");

        Assert.That(stream.Length, Is.GreaterThan(0));
    }
}
