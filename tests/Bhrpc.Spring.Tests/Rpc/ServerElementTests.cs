using Bhrpc.Spring.Context;
using Bhrpc.Spring.Rpc;
using Bhrpc.Spring.Tests.Context;

namespace Bhrpc.Spring.Tests.Rpc;

/// <summary>Every attribute of &lt;rpc:server&gt; and &lt;rpc:service&gt; reaches the running server and its registration.</summary>
[NonParallelizable]
public sealed class ServerElementTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "bhrpc-server-element-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        Environment.SetEnvironmentVariable(RpcNamespaceCallTests.RegistryVariable, _folder);
    }

    [TearDown]
    public void TearDown()
    {
        Environment.SetEnvironmentVariable(RpcNamespaceCallTests.RegistryVariable, null);
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task ServerAndServiceAttributes_MapOntoTheRunningServer()
    {
        await using var context = new XmlApplicationContext(TestFiles.Path("rpc/server-attributes.xml"));
        var server = context.GetObject<RpcServerExporter>("server").Server!;

        Assert.Multiple(() =>
        {
            Assert.That(server.Options.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(server.Port, Is.GreaterThan(0));
            Assert.That(server.AdvertisedHost, Is.EqualTo("10.1.2.3"));
            Assert.That(server.Options.Serializer, Is.EqualTo("json"));
            Assert.That(server.Options.HeartbeatInterval, Is.EqualTo(TimeSpan.FromMilliseconds(750)));
            Assert.That(server.Options.MaxFrameSize, Is.EqualTo(65536));
            Assert.That(server.Options.GracePeriod, Is.EqualTo(TimeSpan.Zero), "grace-period=\"0\" skips the grace period");
            Assert.That(server.Options.ShutdownTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
            Assert.That(server.Options.Registry.Address, Is.EqualTo(_folder));
            Assert.That(server.Options.Registry.SessionTimeout, Is.EqualTo(TimeSpan.FromSeconds(3)));
        });

        var registration = server.Registrations.Single();
        Assert.Multiple(() =>
        {
            Assert.That(registration.ServiceKey, Is.EqualTo("custom.Echo#3.1.0#g"));
            Assert.That(registration.Weight, Is.EqualTo(7));
            Assert.That(registration.Host, Is.EqualTo("10.1.2.3"));
        });
    }
}
