using Bhrpc.Tests.Infrastructure;

namespace Bhrpc.Tests.EndToEnd;

/// <summary>Binding, advertising and validating a server.</summary>
public sealed class ServerSetupTests
{
    [Test]
    public async Task PortZero_BindsAnEphemeralPortAndRegistersIt()
    {
        await using var harness = await Harness.StartAsync();

        Assert.That(harness.Server.Port, Is.InRange(1, 65535));
        Assert.That(harness.Server.Registrations, Has.Count.EqualTo(1));
        var instance = harness.Server.Registrations[0];
        Assert.That(instance.Port, Is.EqualTo(harness.Server.Port));
        Assert.That(instance.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(instance.ServiceKey, Is.EqualTo(typeof(ICalculator).FullName + "#1.0.0#"));
    }

    [Test]
    public async Task WildcardBind_AdvertisesTheConfiguredHost()
    {
        using var folder = new TempFolder();
        await using var server = await new RpcServerBuilder()
            .Listen("0.0.0.0", 0)
            .AdvertiseAs("127.0.0.1")
            .UseRegistry("local", folder.Path)
            .AddService<ICalculator>(new Calculator(), s => s.Weight = 7)
            .StartAsync().WithTimeout();

        Assert.That(server.Registrations.Single().Host, Is.EqualTo("127.0.0.1"));
        Assert.That(server.Registrations.Single().Weight, Is.EqualTo(7));
        await using var client = new RpcClient(new ClientOptions { Registry = new RegistryOptions { Address = folder.Path } });
        Assert.That(client.CreateProxy<ICalculator>().Add(3, 4), Is.EqualTo(7));
    }

    [Test]
    public async Task WildcardBindWithoutAdvertiseHost_AdvertisesAMachineAddress()
    {
        using var folder = new TempFolder();
        await using var server = await new RpcServerBuilder()
            .Listen("0.0.0.0", 0)
            .UseRegistry("local", folder.Path)
            .AddService<ICalculator>(new Calculator())
            .StartAsync().WithTimeout();

        Assert.That(server.AdvertisedHost, Is.Not.EqualTo("0.0.0.0"));
        Assert.That(System.Net.IPAddress.TryParse(server.AdvertisedHost, out _), Is.True);
    }

    [Test]
    public async Task SamePortTwice_FailsToStartAndLeavesNoRegistration()
    {
        await using var harness = await Harness.StartAsync();
        var second = new RpcServerBuilder()
            .Listen("127.0.0.1", harness.Server.Port)
            .UseRegistry("local", harness.RegistryFolder)
            .AddService<ICalculator>(new Calculator(), s => s.Group = "second")
            .Build();

        Assert.ThrowsAsync(Is.InstanceOf<Exception>(), () => second.StartAsync().WithTimeout());
        Assert.That(second.Registrations, Is.Empty);
        await second.DisposeAsync();
    }

    [TestCase(-1, "ServerOptions.Port")]
    [TestCase(70000, "ServerOptions.Port")]
    public void InvalidPort_FailsAtBuildNamingTheSetting(int port, string setting)
    {
        var error = Assert.Throws<RpcException>(() => new RpcServerBuilder().Listen("127.0.0.1", port).Build());
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain(setting));
    }

    [Test]
    public void ServiceNotImplementingItsInterface_FailsAtBuild()
    {
        var error = Assert.Throws<RpcException>(() => new RpcServerBuilder()
            .AddService(new ServiceOptions { ServiceType = typeof(ICalculator), Implementation = "not a calculator" })
            .Build());
        Assert.That(error!.Message, Does.Contain("must implement").And.Contain(nameof(ICalculator)));
    }

    [TestCase(0, 1)]
    [TestCase(-5, 1)]
    [TestCase(250, 100)]
    [TestCase(42, 42)]
    public async Task Weight_IsRegisteredClampedTo1To100(int configured, int registered)
    {
        using var folder = new TempFolder();
        await using var server = await new RpcServerBuilder()
            .Listen("127.0.0.1", 0)
            .UseRegistry("local", folder.Path)
            .AddService<ICalculator>(new Calculator(), s => s.Weight = configured)
            .StartAsync().WithTimeout();
        Assert.That(server.Registrations.Single().Weight, Is.EqualTo(registered));
    }

    [Test]
    public void UnknownReflectInvoker_FailsAtStartListingKnownNames()
    {
        var server = new RpcServerBuilder().Listen("127.0.0.1", 0).Configure(o => o.ReflectInvoker = "asm").Build();
        var error = Assert.ThrowsAsync<RpcException>(() => server.StartAsync().WithTimeout());
        Assert.That(error!.Message, Does.Contain("'asm'").And.Contain("reflection"));
    }

    [Test]
    public async Task DirectAddressWithoutPort_FailsWhenTheProxyIsMade()
    {
        await using var client = new RpcClient();
        var error = Assert.Throws<RpcException>(() => client.CreateProxy<ICalculator>(r => r.DirectAddress = "127.0.0.1"));
        Assert.That(error!.Message, Does.Contain("ReferenceOptions.DirectAddress").And.Contain("host:port"));
    }
}
