using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;

namespace Bhrpc.Packaging.Tests;

/// <summary>
/// <c>dotnet pack</c> of the solution gives exactly the four library packages, each with README, license, authors,
/// description, tags, repository and a symbol package, all at the one version of Directory.Build.props; and an app
/// outside the repository builds and runs from those packages alone.
/// </summary>
[NonParallelizable]
public sealed class PackageTests
{
    private static readonly string[] s_packageIds = ["Bhrpc.Core", "Bhrpc.Spring", "Bhrpc.Boot", "Bhrpc.MessagePack"];
    private static readonly TimeSpan s_packBound = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan s_buildBound = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan s_runBound = TimeSpan.FromMinutes(2);

    private string _root = null!;
    private string _feed = null!;
    private string _version = null!;

    private static string RepositoryRoot => Metadata("RepositoryRoot");

    private static string Configuration => Metadata("Configuration");

    [OneTimeSetUp]
    public async Task PackTheSolution()
    {
        _root = Path.Combine(Path.GetTempPath(), "bhrpc-packaging-" + Guid.NewGuid().ToString("N"));
        _feed = Path.Combine(_root, "feed");
        Directory.CreateDirectory(_feed);
        _version = XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

        // No build: the projects were built in this configuration before the tests (project references), and
        // rebuilding them here could race with other test assemblies that use their output.
        await DotnetCli.RunAsync(RepositoryRoot, s_packBound, new Dictionary<string, string>(), "pack", Path.Combine(RepositoryRoot, "bhrpc.sln"), "-c", Configuration, "--no-build", "-o", _feed, "-nologo", "-nodeReuse:false");
    }

    [OneTimeTearDown]
    public void DeleteTheFolder()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Test]
    public void Pack_Solution_GivesOnlyTheLibraryPackagesWithSymbols()
    {
        var expected = s_packageIds.SelectMany(id => new[] { $"{id}.{_version}.nupkg", $"{id}.{_version}.snupkg" });

        Assert.That(Directory.GetFiles(_feed).Select(Path.GetFileName), Is.EquivalentTo(expected), "tests, demos and benchmarks are not packable");
    }

    [TestCase("Bhrpc.Core")]
    [TestCase("Bhrpc.Spring")]
    [TestCase("Bhrpc.Boot")]
    [TestCase("Bhrpc.MessagePack")]
    public void Pack_LibraryProject_NuspecHasTheMetadata(string id)
    {
        using var package = ZipFile.OpenRead(Path.Combine(_feed, $"{id}.{_version}.nupkg"));
        var metadata = Nuspec(package, id);

        Assert.Multiple(() =>
        {
            Assert.That(Value(metadata, "id"), Is.EqualTo(id));
            Assert.That(Value(metadata, "version"), Is.EqualTo(_version), "one version for every package");
            Assert.That(Value(metadata, "authors"), Is.EqualTo("bhrpc.NET contributors"));
            Assert.That(Value(metadata, "description"), Does.Contain("bhrpc.NET").And.Not.EqualTo("Package Description"));
            Assert.That(Value(metadata, "copyright"), Does.Contain("bhrpc.NET contributors"));
            Assert.That(Value(metadata, "tags")?.Split(' '), Does.Contain("rpc").And.Contain("dubbo"));
            Assert.That(Value(metadata, "readme"), Is.EqualTo("README.md"));
            var license = Element(metadata, "license");
            Assert.That(license?.Attribute("type")?.Value, Is.EqualTo("expression"));
            Assert.That(license?.Value, Is.EqualTo("Apache-2.0"));
            Assert.That(Element(metadata, "repository")?.Attribute("type")?.Value, Is.EqualTo("git"));
        });
    }

    [TestCase("Bhrpc.Core")]
    [TestCase("Bhrpc.Spring")]
    [TestCase("Bhrpc.Boot")]
    [TestCase("Bhrpc.MessagePack")]
    public void Pack_LibraryProject_CarriesReadmeLicenseDocsAndSymbols(string id)
    {
        using var package = ZipFile.OpenRead(Path.Combine(_feed, $"{id}.{_version}.nupkg"));
        using var symbols = ZipFile.OpenRead(Path.Combine(_feed, $"{id}.{_version}.snupkg"));

        Assert.Multiple(() =>
        {
            Assert.That(package.Entries.Select(e => e.FullName), Does.Contain("README.md")
                .And.Contain("LICENSE")
                .And.Contain($"lib/net10.0/{id}.dll")
                .And.Contain($"lib/net10.0/{id}.xml"));
            Assert.That(Text(package, "README.md"), Is.EqualTo(File.ReadAllText(Path.Combine(RepositoryRoot, "README.md"))));
            Assert.That(Text(package, "LICENSE"), Does.Contain("Apache License").And.Contain("Version 2.0, January 2004"));
            Assert.That(symbols.Entries.Select(e => e.FullName), Does.Contain($"lib/net10.0/{id}.pdb"));
        });
    }

    [Test]
    public void Pack_FrontEnds_DependOnCoreAtTheSameVersion()
    {
        foreach (var id in new[] { "Bhrpc.Spring", "Bhrpc.Boot", "Bhrpc.MessagePack" })
        {
            using var package = ZipFile.OpenRead(Path.Combine(_feed, $"{id}.{_version}.nupkg"));
            var core = Nuspec(package, id).Descendants().Single(e => e.Name.LocalName == "dependency" && e.Attribute("id")?.Value == "Bhrpc.Core");

            Assert.That(core.Attribute("version")?.Value, Is.EqualTo(_version), id);
        }
    }

    [Test]
    public void Pack_MessagePack_OnlyItDependsOnMessagePackAndItCarriesTheLoadTargets()
    {
        using var core = ZipFile.OpenRead(Path.Combine(_feed, $"Bhrpc.Core.{_version}.nupkg"));
        using var msgpack = ZipFile.OpenRead(Path.Combine(_feed, $"Bhrpc.MessagePack.{_version}.nupkg"));

        Assert.Multiple(() =>
        {
            Assert.That(Dependencies(core, "Bhrpc.Core"), Has.None.StartsWith("MessagePack"), "Core's dependencies do not grow");
            Assert.That(Dependencies(msgpack, "Bhrpc.MessagePack"), Does.Contain("MessagePack 2.5.307").And.Contain($"Bhrpc.Core {_version}"));
            Assert.That(msgpack.Entries.Select(e => e.FullName), Does.Contain("buildTransitive/Bhrpc.MessagePack.targets").And.Contain("buildTransitive/BhrpcMessagePackLoad.cs"));
        });
    }

    [Test]
    public async Task ConsumerApp_FromThePackedPackagesOnly_BuildsAndCallsThroughEveryFrontEnd()
    {
        var app = Path.Combine(_root, "consumer");
        var packages = Path.Combine(_root, "packages");
        WriteConsumerApp(app);

        // Its own package folder: the packed version never reaches the machine's global packages folder.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages };
        await DotnetCli.RunAsync(app, s_buildBound, environment, "build", "-c", "Release", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        var output = await DotnetCli.RunAsync(app, s_runBound, environment, "run", "--no-build", "-c", "Release");

        Assert.That(
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Is.EqualTo(new[] { "native: hello native", "msgpack: hello msgpack", "xml: hello xml", "boot: hello boot" }));
        Assert.That(s_packageIds.Select(id => Path.Combine(packages, id.ToLowerInvariant(), _version)).Where(d => !Directory.Exists(d)), Is.Empty, "each package was restored from the packed feed");
    }

    /// <summary>
    /// The app from ConsumerApp/ (copied next to the tests), in <paramref name="folder"/> outside the repository, with a
    /// nuget.config that adds the packed feed to the machine's sources, and empty Directory.Build files that stop
    /// MSBuild from looking further up.
    /// </summary>
    private void WriteConsumerApp(string folder)
    {
        Directory.CreateDirectory(folder);
        var template = Path.Combine(AppContext.BaseDirectory, "ConsumerApp");
        File.Copy(Path.Combine(template, "Program.cs"), Path.Combine(folder, "Program.cs"));
        File.Copy(Path.Combine(template, "context.xml"), Path.Combine(folder, "context.xml"));
        File.WriteAllText(
            Path.Combine(folder, "Consumer.csproj"),
            File.ReadAllText(Path.Combine(template, "Consumer.csproj.template")).Replace("$(BhrpcVersion)", _version, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n");
        new XDocument(
            new XElement(
                "configuration",
                new XElement("packageSources", new XElement("add", new XAttribute("key", "bhrpc-packed"), new XAttribute("value", _feed)))))
            .Save(Path.Combine(folder, "nuget.config"));
    }

    private static XElement Nuspec(ZipArchive package, string id)
    {
        using var stream = package.GetEntry($"{id}.nuspec")!.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    /// <summary>The package's dependencies as "id version".</summary>
    private static IEnumerable<string> Dependencies(ZipArchive package, string id)
        => Nuspec(package, id).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => $"{e.Attribute("id")?.Value} {e.Attribute("version")?.Value}").ToList();

    private static XElement? Element(XElement metadata, string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name);

    private static string? Value(XElement metadata, string name) => Element(metadata, name)?.Value;

    private static string Text(ZipArchive package, string entry)
    {
        using var reader = new StreamReader(package.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    private static string Metadata(string key)
        => typeof(PackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
