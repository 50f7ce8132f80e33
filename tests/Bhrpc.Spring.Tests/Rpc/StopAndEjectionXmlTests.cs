using Bhrpc.Spring.Context;
using Bhrpc.Spring.Rpc;
using Bhrpc.Spring.Tests.Context;
using static Bhrpc.Spring.Tests.Rpc.RpcXml;

namespace Bhrpc.Spring.Tests.Rpc;

/// <summary>
/// The graceful-stop attributes of &lt;rpc:server&gt; (grace-period, shutdown-timeout) and the ejection attributes of
/// &lt;rpc:consumer&gt; reach <see cref="ServerOptions"/> and the context's client; bad values fail naming the attribute.
/// </summary>
public sealed class StopAndEjectionXmlTests
{
    [Test]
    public void Server_GracePeriodAndShutdownTimeout_ReachTheServerOptions()
    {
        var file = TestFiles.WriteTemp($"""  <rpc:server {Xmlns} id="s" port="0" grace-period="2s" shutdown-timeout="0"/>""");

        var options = Read(file).Servers.Single().Options;

        Assert.That(options.GracePeriod, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(options.ShutdownTimeout, Is.EqualTo(TimeSpan.Zero), "zero: no wait for calls in flight");
    }

    [Test]
    public void Server_WithoutTheAttributes_KeepsCoreDefaults()
    {
        var file = TestFiles.WriteTemp($"""  <rpc:server {Xmlns} id="s" port="0"/>""");

        var options = Read(file).Servers.Single().Options;

        Assert.That(options.GracePeriod, Is.EqualTo(new ServerOptions().GracePeriod));
        Assert.That(options.ShutdownTimeout, Is.EqualTo(new ServerOptions().ShutdownTimeout));
    }

    [Test]
    public async Task Consumer_EjectionAttributes_ReachTheContextsClient()
    {
        var file = TestFiles.WriteTemp($"""  <rpc:consumer {Xmlns} ejection-backoff="250ms" max-ejection-backoff="4s" eject-after-failures="6"/>""");
        await using var context = new XmlApplicationContext(file);

        var client = context.GetObject<RpcClient>(RpcConfiguration.ClientId).Options;

        Assert.Multiple(() =>
        {
            Assert.That(client.EjectionBackoff, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
            Assert.That(client.MaxEjectionBackoff, Is.EqualTo(TimeSpan.FromSeconds(4)));
            Assert.That(client.EjectAfterFailures, Is.EqualTo(6));
        });
    }

    [Test]
    public async Task Consumer_WithoutTheAttributes_TheClientKeepsCoreDefaults()
    {
        var file = TestFiles.WriteTemp($"""  <rpc:consumer {Xmlns} timeout="2s"/>""");
        await using var context = new XmlApplicationContext(file);

        var client = context.GetObject<RpcClient>(RpcConfiguration.ClientId).Options;

        Assert.Multiple(() =>
        {
            Assert.That(client.EjectionBackoff, Is.EqualTo(new ClientOptions().EjectionBackoff));
            Assert.That(client.MaxEjectionBackoff, Is.EqualTo(new ClientOptions().MaxEjectionBackoff));
            Assert.That(client.EjectAfterFailures, Is.EqualTo(new ClientOptions().EjectAfterFailures));
        });
    }

    [Test]
    public void Consumer_MaxEjectionBackoffEqualToTheBackoff_IsAccepted()
    {
        var file = TestFiles.WriteTemp($"""  <rpc:consumer {Xmlns} ejection-backoff="2s" max-ejection-backoff="2000"/>""");

        Assert.That(Read(file).ClientEjection.MaxEjectionBackoff, Is.EqualTo(TimeSpan.FromSeconds(2)));
    }

    [TestCase("server", "grace-period=\"-1s\"", "grace-period")]
    [TestCase("server", "grace-period=\"soon\"", "grace-period")]
    [TestCase("server", "shutdown-timeout=\"-5\"", "shutdown-timeout")]
    [TestCase("consumer", "ejection-backoff=\"0\"", "ejection-backoff='0' is not a positive duration")]
    [TestCase("consumer", "max-ejection-backoff=\"0ms\"", "max-ejection-backoff='0ms' is not a positive duration")]
    [TestCase("consumer", "eject-after-failures=\"0\"", "eject-after-failures='0' is not a whole number in 1..")]
    [TestCase("consumer", "eject-after-failures=\"many\"", "eject-after-failures")]
    [TestCase("consumer", "max-ejection-backoff=\"500ms\"", "max-ejection-backoff='500ms': max-ejection-backoff must be at least ejection-backoff")]
    [TestCase("consumer", "ejection-backoff=\"1m\"", "ejection-backoff")]
    [TestCase("consumer", "ejection-backoff=\"60s\"", "ejection-backoff='60s': max-ejection-backoff must be at least ejection-backoff")]
    [TestCase("consumer", "ejection-backoff=\"10s\" max-ejection-backoff=\"5s\"", "max-ejection-backoff='5s': max-ejection-backoff must be at least ejection-backoff")]
    public void BadValue_FailsTheContextNamingTheAttributeAndItsLine(string element, string attributes, string expected)
    {
        var id = element == "server" ? " id=\"s\" port=\"0\"" : string.Empty;
        var file = TestFiles.WriteTemp($"""  <rpc:{element} {Xmlns}{id} {attributes}/>""");

        var error = Assert.Throws<ObjectDefinitionException>(() => new XmlApplicationContext(file));

        Assert.That(error!.Message, Does.Contain(expected).And.Contain($"{file}:3:"));
    }

    [Test]
    public void Placeholder_ResolvedToAZeroGracePeriod_IsAccepted_ToANegativeOne_IsRefused()
    {
        Environment.SetEnvironmentVariable("BHRPC_TEST_GRACE", "0");
        try
        {
            var file = TestFiles.WriteTemp($$"""  <rpc:server {{Xmlns}} id="s" port="0" grace-period="${BHRPC_TEST_GRACE}"/>""");
            Assert.That(Read(file).Servers.Single().Options.GracePeriod, Is.EqualTo(TimeSpan.Zero));

            Environment.SetEnvironmentVariable("BHRPC_TEST_GRACE", "-1s");
            var error = Assert.Throws<ObjectDefinitionException>(() => Read(file));
            Assert.That(error!.Message, Does.Contain("grace-period='-1s' is not a positive or zero duration"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("BHRPC_TEST_GRACE", null);
        }
    }
}
