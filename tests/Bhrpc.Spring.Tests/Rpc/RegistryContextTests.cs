using Bhrpc.Spring.Context;
using Bhrpc.Spring.Tests.Context;

namespace Bhrpc.Spring.Tests.Rpc;

/// <summary>
/// A provider context and a consumer context meeting in the local registry and in the real ZooKeeper
/// and etcd that ./test.sh starts (BHRPC_TEST_ZOOKEEPER, BHRPC_TEST_ETCD).
/// </summary>
[NonParallelizable]
[TestFixture("local")]
[TestFixture("zookeeper")]
[TestFixture("etcd")]
public sealed class RegistryContextTests(string registryType)
{
    private const string UrlVariable = "BHRPC_RPCNS_REGISTRY_URL";
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(10);
    private string? _folder;

    [SetUp]
    public void SetUp()
    {
        string url;
        if (registryType == "local")
        {
            _folder = Path.Combine(Path.GetTempPath(), "bhrpc-xml-registry-" + Guid.NewGuid().ToString("N"));
            url = "local://" + _folder;
        }
        else
        {
            var variable = registryType == "zookeeper" ? "BHRPC_TEST_ZOOKEEPER" : "BHRPC_TEST_ETCD";
            var address = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrWhiteSpace(address))
            {
                var why = $"{variable} is not set: run ./test.sh (it starts {registryType})";
                if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                {
                    Assert.Fail(why);
                }

                Assert.Ignore(why);
            }

            url = $"{registryType}://{address}/bhrpc-xml-{Guid.NewGuid():N}";
        }

        Environment.SetEnvironmentVariable(UrlVariable, url);
    }

    [TearDown]
    public void TearDown()
    {
        Environment.SetEnvironmentVariable(UrlVariable, null);
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Test]
    public async Task ProviderContextAndConsumerContext_TalkThroughTheRegistry()
    {
        await using var provider = await XmlApplicationContext.CreateAsync(new XmlApplicationContextOptions(), [TestFiles.Path("rpc/url-provider.xml")]).WaitAsync(s_bound);
        await using var consumer = await XmlApplicationContext.CreateAsync(new XmlApplicationContextOptions(), [TestFiles.Path("rpc/url-consumer.xml")]).WaitAsync(s_bound);
        var echo = consumer.GetObject<IEcho>("echo");

        Assert.That(await echo.EchoAsync("xml").WaitAsync(s_bound), Is.EqualTo("over the registry async: xml"));
        Assert.That(echo.Echo("sync"), Is.EqualTo("over the registry: sync"));
    }
}
