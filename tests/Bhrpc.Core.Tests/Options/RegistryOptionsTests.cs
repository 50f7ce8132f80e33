namespace Bhrpc.Tests.Options;

public sealed class RegistryOptionsTests
{
    [TestCase("zookeeper://127.0.0.1:2181", "zookeeper", "127.0.0.1:2181", "/binghe_rpc")]
    [TestCase("zookeeper://h1:2181,h2:2182/rpc/prod", "zookeeper", "h1:2181,h2:2182", "/rpc/prod")]
    [TestCase("ZooKeeper://h1:2181/", "zookeeper", "h1:2181", "/binghe_rpc")]
    [TestCase("etcd://127.0.0.1:2379", "etcd", "127.0.0.1:2379", "/binghe_rpc")]
    [TestCase("etcd://a:2379,b:2379/services", "etcd", "a:2379,b:2379", "/services")]
    public void Parse_ServerRegistries_SplitsTypeAddressAndRoot(string url, string type, string address, string root)
    {
        var options = RegistryOptions.Parse(url);
        Assert.Multiple(() =>
        {
            Assert.That(options.Type, Is.EqualTo(type));
            Assert.That(options.Address, Is.EqualTo(address));
            Assert.That(options.Root, Is.EqualTo(root));
        });
        Assert.That(options.Validate, Throws.Nothing);
    }

    [TestCase("local://", null)]
    [TestCase("local:///tmp/registry", "/tmp/registry")]
    public void Parse_Local_TakesTheFolder(string url, string? folder)
    {
        var options = RegistryOptions.Parse(url);
        Assert.That(options.Type, Is.EqualTo("local"));
        Assert.That(options.Address, Is.EqualTo(folder));
    }

    [TestCase("127.0.0.1:2181")]
    [TestCase("zookeeper://")]
    [TestCase("zookeeper://host-without-port")]
    [TestCase("etcd://host:99999")]
    public void Parse_NotAUrl_FailsShowingTheExpectedForms(string url)
    {
        var error = Assert.Throws<RpcException>(() => RegistryOptions.Parse(url));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain("host:port"));
    }

    [Test]
    public void Validate_ZooKeeperWithoutAddress_NamesTheSetting()
        => Assert.That(
            () => new RegistryOptions { Type = "zookeeper" }.Validate(),
            Throws.TypeOf<RpcException>().With.Message.Contains("RegistryOptions.Address"));

    [TestCase("binghe_rpc")]
    [TestCase("/binghe_rpc/")]
    [TestCase("")]
    public void Validate_BadRoot_NamesTheSetting(string root)
        => Assert.That(
            () => new RegistryOptions { Root = root }.Validate(),
            Throws.TypeOf<RpcException>().With.Message.Contains("RegistryOptions.Root"));

    [Test]
    public void Validate_SessionTimeoutOutOfRange_NamesTheSetting()
        => Assert.That(
            () => new RegistryOptions { SessionTimeout = TimeSpan.FromMilliseconds(100) }.Validate(),
            Throws.TypeOf<RpcException>().With.Message.Contains("RegistryOptions.SessionTimeout"));

    [Test]
    public void ToString_IsTheUrlForm()
    {
        Assert.That(RegistryOptions.Parse("zookeeper://h1:2181,h2:2181/rpc").ToString(), Is.EqualTo("zookeeper://h1:2181,h2:2181/rpc"));
        Assert.That(RegistryOptions.Parse("etcd://127.0.0.1:2379").ToString(), Is.EqualTo("etcd://127.0.0.1:2379"));
        Assert.That(RegistryOptions.Parse("etcd://h:2379/r?sessionTimeout=2s").ToString(), Is.EqualTo("etcd://h:2379/r?sessionTimeout=2000ms"));
    }

    [Test]
    public void Parse_QueryParameters_SetTimeouts()
    {
        var options = RegistryOptions.Parse("zookeeper://h:2181/r?sessionTimeout=2s&connectTimeout=1500");
        Assert.That(options.SessionTimeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(options.ConnectTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
        Assert.That(options.Root, Is.EqualTo("/r"));
        Assert.That(RegistryOptions.Parse("etcd://h:2379?sessionTimeout=500ms").SessionTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
    }

    [TestCase("zookeeper://h:2181?sessionTimeout=soon", "not a duration")]
    [TestCase("zookeeper://h:2181?colour=red", "unknown parameter 'colour'")]
    public void Parse_BadQuery_SaysWhatWasExpected(string url, string message)
        => Assert.That(() => RegistryOptions.Parse(url), Throws.TypeOf<RpcException>().With.Message.Contains(message));

    [Test]
    public void ServerBuilder_AcceptsAUrl()
    {
        var options = new ServerOptions();
        new RpcServerBuilder(options).UseRegistry("zookeeper://127.0.0.1:2181/x");
        Assert.That(options.Registry.Type, Is.EqualTo("zookeeper"));
        Assert.That(options.Registry.Root, Is.EqualTo("/x"));
    }
}
