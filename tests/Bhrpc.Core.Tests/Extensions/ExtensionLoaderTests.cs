using Bhrpc.Extensions;
using Bhrpc.LoadBalance;
using Bhrpc.Proxy;
using Bhrpc.Reflect;
using Bhrpc.Registry;
using Bhrpc.Serialization;

namespace Bhrpc.Tests.Extensions;

public sealed class ExtensionLoaderTests
{
    [Test]
    public void Create_BuiltInNames_AreFound()
    {
        var loader = new ExtensionLoader(new ExtensionLoaderOptions());
        Assert.Multiple(() =>
        {
            Assert.That(loader.Create<IRpcSerializer>("json"), Is.Not.Null);
            Assert.That(loader.Create<IProxyFactory>("dispatch"), Is.InstanceOf<DispatchProxyFactory>());
            Assert.That(loader.Create<IProxyFactory>("jdk"), Is.InstanceOf<DispatchProxyFactory>());
            Assert.That(loader.Create<IReflectInvoker>("reflection"), Is.InstanceOf<ReflectionInvoker>());
            Assert.That(loader.Create<IRegistryFactory>("local"), Is.Not.Null);
            Assert.That(loader.Create<ILoadBalancer>("random"), Is.InstanceOf<RandomLoadBalancer>());
        });
    }

    [Test]
    public void Create_EmptyName_UsesThePointsDefault()
        => Assert.That(new ExtensionLoader(new ExtensionLoaderOptions()).Create<IProxyFactory>(null), Is.InstanceOf<DispatchProxyFactory>());

    [Test]
    public void Create_MakesANewInstanceEachTime()
    {
        var loader = new ExtensionLoader(new ExtensionLoaderOptions());
        var first = loader.Create<ILoadBalancer>("random");
        var second = loader.Create<ILoadBalancer>("random");
        Assert.That(second, Is.Not.SameAs(first));
    }

    [Test]
    public void Create_UnknownName_ListsTheKnownNames()
    {
        var error = Assert.Throws<RpcException>(() => new ExtensionLoader(new ExtensionLoaderOptions()).Create<IRpcSerializer>("yaml"));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain("unknown serializer 'yaml'").And.Contain("json"));
    }

    [Test]
    public void Register_InCode_IsCreatedByName()
    {
        var loader = new ExtensionLoader(new ExtensionLoaderOptions());
        var balancer = new RandomLoadBalancer();
        loader.Register<ILoadBalancer>("mine", () => balancer);
        Assert.That(loader.Create<ILoadBalancer>("mine"), Is.SameAs(balancer));
        Assert.That(loader.Names<ILoadBalancer>(), Does.Contain("mine").And.Contain("random"));
    }

    [TestCase("json0")]
    [TestCase("has space")]
    [TestCase("abcdefghijklmnopq")]
    public void Register_SerializerNameThatBreaksTheHeader_IsRefused(string name)
        => Assert.That(
            () => new ExtensionLoader(new ExtensionLoaderOptions()).Register<IRpcSerializer>(name, () => throw new InvalidOperationException()),
            Throws.ArgumentException.With.Message.Contains("serializer name"));

    [Test]
    public void PluginFolder_Missing_FailsWithTheSettingName()
    {
        var loader = new ExtensionLoader(new ExtensionLoaderOptions { PluginFolder = "/no/such/folder" });
        Assert.That(() => loader.Create<ILoadBalancer>("random"), Throws.TypeOf<RpcException>().With.Message.Contains("PluginFolder"));
    }
}
