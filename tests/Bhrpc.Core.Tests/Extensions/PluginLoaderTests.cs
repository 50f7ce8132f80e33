using System.Runtime.Loader;
using Bhrpc.Extensions;
using Bhrpc.Serialization;
using Bhrpc.Tests.EndToEnd;
using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.Extensions;

/// <summary>
/// Plug-ins: Bhrpc.TestPlugin (built with this project, not referenced) is copied to plugins/ under
/// the test output and loaded from there into the loader's own load context.
/// </summary>
public sealed class PluginLoaderTests
{
    private static string PluginFolder => Path.Combine(AppContext.BaseDirectory, "plugins");

    [Test]
    public void TestPlugin_IsNotReferencedByTheTestHost()
    {
        Assert.That(File.Exists(Path.Combine(PluginFolder, "Bhrpc.TestPlugin.dll")), Is.True, "the build copies the plug-in to plugins/");
        Assert.That(File.Exists(Path.Combine(PluginFolder, "Bhrpc.Core.dll")), Is.False, "the plug-in is built without a copy of Bhrpc.Core");
        Assert.That(File.Exists(Path.Combine(AppContext.BaseDirectory, "Bhrpc.TestPlugin.dll")), Is.False, "the plug-in must not be next to the tests");
    }

    [Test]
    public void PluginSerializer_IsLoadedIntoItsOwnContext_AndListed()
    {
        var loader = new ExtensionLoader(new ExtensionLoaderOptions { PluginFolder = PluginFolder });

        var serializer = loader.Create<IRpcSerializer>("reverse");

        var context = AssemblyLoadContext.GetLoadContext(serializer.GetType().Assembly);
        Assert.Multiple(() =>
        {
            Assert.That(serializer.GetType().FullName, Is.EqualTo("Bhrpc.TestPlugin.ReverseSerializer"));
            Assert.That(context, Is.Not.Null.And.Not.SameAs(AssemblyLoadContext.Default));
            Assert.That(context!.Name, Is.EqualTo($"bhrpc-plugins:{Path.GetFullPath(PluginFolder)}"));
            Assert.That(context, Is.SameAs(loader.PluginContext));
            Assert.That(context.IsCollectible, Is.False);
            Assert.That(
                AssemblyLoadContext.GetLoadContext(typeof(IRpcSerializer).Assembly),
                Is.SameAs(AssemblyLoadContext.Default),
                "Bhrpc.Core stays in the default context");
            Assert.That(loader.Names<IRpcSerializer>(), Does.Contain("reverse").And.Contain("json"));
            Assert.That(loader.Create<IRpcSerializer>("reverse"), Is.Not.SameAs(serializer), "a new instance per Create");
        });
    }

    [Test]
    public void TwoLoaders_EachLoadThePluginsIntoTheirOwnContext()
    {
        var first = new ExtensionLoader(new ExtensionLoaderOptions { PluginFolder = PluginFolder });
        var second = new ExtensionLoader(new ExtensionLoaderOptions { PluginFolder = PluginFolder });

        var a = first.Create<IRpcSerializer>("reverse");
        var b = second.Create<IRpcSerializer>("reverse");

        Assert.That(AssemblyLoadContext.GetLoadContext(a.GetType().Assembly), Is.Not.SameAs(AssemblyLoadContext.GetLoadContext(b.GetType().Assembly)));
        Assert.That(second.Names<IRpcSerializer>().Count(n => n == "reverse"), Is.EqualTo(1));
    }

    [Test]
    public void LoaderWithoutThePluginFolder_DoesNotKnowThePlugin_EvenAfterAnotherLoaderLoadedIt()
    {
        _ = new ExtensionLoader(new ExtensionLoaderOptions { PluginFolder = PluginFolder }).Create<IRpcSerializer>("reverse");
        var plain = new ExtensionLoader(new ExtensionLoaderOptions());

        var error = Assert.Throws<RpcException>(() => plain.Create<IRpcSerializer>("reverse"));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain("unknown serializer 'reverse'").And.Contain("known names: ").And.Contain("json"));
    }

    [Test]
    public async Task PluginSerializer_CarriesARealCall()
    {
        var extensions = new ExtensionLoader(new ExtensionLoaderOptions { PluginFolder = PluginFolder });
        await using var harness = await Harness.StartAsync(
            server => server.Extensions = extensions,
            client => client.Extensions = new ExtensionLoader(new ExtensionLoaderOptions { PluginFolder = PluginFolder }));

        var proxy = harness.Proxy(r => r.Serializer = "reverse");

        Assert.That(proxy.Add(19, 23), Is.EqualTo(42));
        Assert.That(proxy.Older(new Person("Ada", 36, ["math"])).Age, Is.EqualTo(37));
    }

    [Test]
    public async Task ClientWithoutThePlugin_CannotUseItsName()
    {
        await using var harness = await Harness.StartAsync(
            server => server.Extensions = new ExtensionLoader(new ExtensionLoaderOptions { PluginFolder = PluginFolder }),
            client => client.Extensions = new ExtensionLoader(new ExtensionLoaderOptions()));

        var error = Assert.Catch<RpcException>(() => harness.Proxy(r => r.Serializer = "reverse").Add(1, 2));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain("unknown serializer 'reverse'").And.Contain("json"));
    }

    [Test]
    public void CorruptDll_FailsNamingTheFile()
    {
        using var folder = new TempFolder();
        var bad = Path.Combine(folder.Path, "bad.dll");
        File.WriteAllText(bad, "this is not an assembly");
        var loader = new ExtensionLoader(new ExtensionLoaderOptions { PluginFolder = folder.Path });

        var error = Assert.Throws<RpcException>(() => loader.Create<IRpcSerializer>("json"));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain(bad).And.Contain("cannot be loaded"));
        Assert.That(error.InnerException, Is.InstanceOf<BadImageFormatException>());
    }

    [Test]
    public async Task ServerWithoutThePlugin_RefusesTheFrame()
    {
        await using var harness = await Harness.StartAsync(
            server => server.Extensions = new ExtensionLoader(new ExtensionLoaderOptions()),
            client => client.Extensions = new ExtensionLoader(new ExtensionLoaderOptions { PluginFolder = PluginFolder }));

        var error = Assert.Catch<RpcException>(() => harness.Proxy(r => r.Serializer = "reverse").Add(1, 2));

        Assert.That(error!.Message, Does.Contain("reverse"));
    }
}
