using System.Runtime.Loader;
using Bhrpc.Boot.Internal;
using Bhrpc.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bhrpc.Boot.Tests;

/// <summary>
/// <c>Bhrpc:Extensions:PluginFolder</c>: the host's server and client use a loader of that folder's plug-ins, and
/// every extension name is checked against it. Bhrpc.TestPlugin (built with this project, not referenced) is copied
/// to plugins/ under the test output; its <c>reverse</c> serializer is known only through that folder.
/// </summary>
public sealed class PluginFolderTests
{
    private static readonly string s_plugins = Path.Combine(AppContext.BaseDirectory, "plugins");

    private TestHosts _hosts = null!;

    [SetUp]
    public void SetUp() => _hosts = new TestHosts();

    [TearDown]
    public async Task TearDown() => await _hosts.DisposeAsync();

    [Test]
    public async Task Call_PluginSerializerNamedInAppsettings_CarriesTheCall()
    {
        var plugins = new Dictionary<string, string?> { ["Bhrpc:Extensions:PluginFolder"] = s_plugins };
        var provider = await _hosts.StartAsync(b => b.AddService<IGreeter, Greeter>(), plugins);
        var consumer = await _hosts.StartAsync(b => b.AddReference<IGreeter>("greeter"), new Dictionary<string, string?>(plugins)
        {
            ["Bhrpc:References:greeter:Serializer"] = "reverse",
        });

        var greeting = consumer.Services.GetRequiredService<IGreeter>().Hello("plug-in");

        var loader = provider.Services.GetRequiredService<BhrpcRuntime>().Settings.Extensions;
        Assert.Multiple(() =>
        {
            Assert.That(greeting, Is.EqualTo("hello plug-in"));
            Assert.That(loader.Options.PluginFolder, Is.EqualTo(s_plugins));
            Assert.That(provider.Services.GetRequiredService<BhrpcRuntime>().Server!.Options.Extensions, Is.SameAs(loader), "the server resolves names with the loader they were checked against");
        });
    }

    [Test]
    public void Read_RelativePluginFolder_IsUnderTheApplicationFolder_AndLoadsItsPlugins()
    {
        var settings = BhrpcSettings.Read(Configuration(new Dictionary<string, string?>
        {
            ["Bhrpc:Extensions:PluginFolder"] = "plugins",
            ["Bhrpc:Server:Serializer"] = "reverse",
        }));

        var serializer = settings.Extensions.Create<IRpcSerializer>("reverse");

        Assert.Multiple(() =>
        {
            Assert.That(settings.Extensions.Options.PluginFolder, Is.EqualTo(s_plugins));
            Assert.That(settings.ServerOptions.Serializer, Is.EqualTo("reverse"));
            Assert.That(AssemblyLoadContext.GetLoadContext(serializer.GetType().Assembly), Is.SameAs(settings.Extensions.PluginContext));
        });
    }

    [Test]
    public void Read_PluginNameWithoutThePluginFolder_FailsNamingTheKey()
    {
        var e = Assert.Throws<RpcException>(() => BhrpcSettings.Read(Configuration(new Dictionary<string, string?> { ["Bhrpc:Server:Serializer"] = "reverse" })));

        Assert.That(e!.Message, Does.Contain("'Bhrpc:Server:Serializer'").And.Contain("no serializer is named 'reverse'"));
    }

    [Test]
    public void Read_MissingPluginFolder_FailsNamingTheKeyAndTheFolder()
    {
        var missing = Path.Combine(_hosts.Folder, "no-such-folder");

        var e = Assert.Throws<RpcException>(() => BhrpcSettings.Read(Configuration(new Dictionary<string, string?> { ["Bhrpc:Extensions:PluginFolder"] = missing })));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(e.Message, Does.Contain("'Bhrpc:Extensions:PluginFolder'").And.Contain($"{missing} does not exist"));
    }

    [Test]
    public void Read_PluginFolderWithABadFile_FailsNamingTheKeyAndTheFile()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_hosts.Folder, "bad-plugins")).FullName;
        var bad = Path.Combine(folder, "bad.dll");
        File.WriteAllText(bad, "this is not an assembly");

        var e = Assert.Throws<RpcException>(() => BhrpcSettings.Read(Configuration(new Dictionary<string, string?> { ["Bhrpc:Extensions:PluginFolder"] = folder })));

        Assert.That(e!.Message, Does.Contain("'Bhrpc:Extensions:PluginFolder'").And.Contain(bad).And.Contain("cannot be loaded"));
    }

    [Test]
    public void Read_UnknownKeyUnderExtensions_FailsNamingIt()
    {
        var e = Assert.Throws<RpcException>(() => BhrpcSettings.Read(Configuration(new Dictionary<string, string?> { ["Bhrpc:Extensions:PluginFolders"] = s_plugins })));

        Assert.That(e!.Message, Does.Contain("'Bhrpc:Extensions:PluginFolders' is unknown").And.Contain("PluginFolder"));
    }

    private static IConfiguration Configuration(IDictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
