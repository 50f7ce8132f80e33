using Bhrpc.Boot.Internal;
using Bhrpc.Metadata;
using Microsoft.Extensions.Configuration;

namespace Bhrpc.Boot.Tests;

/// <summary>The <c>MethodNaming</c> keys of <c>Bhrpc:Consumer</c>, <c>Bhrpc:References:{name}</c> and <c>Bhrpc:Services:{i}</c>.</summary>
public sealed class MethodNamingConfigurationTests
{
    [Test]
    public void NewReference_ConsumerMethodNaming_IsTheDefaultOfEveryReference()
    {
        var settings = Read(new Dictionary<string, string?> { ["Bhrpc:Consumer:MethodNaming"] = "CamelCase" });

        Assert.That(settings.NewReference("greeter", typeof(IGreeter), null).MethodNaming, Is.EqualTo(MethodNaming.CamelCase));
    }

    [Test]
    public void NewReference_ReferenceMethodNaming_WinsOverCodeAndConsumer()
    {
        var settings = Read(new Dictionary<string, string?>
        {
            ["Bhrpc:Consumer:MethodNaming"] = "AsDeclared",
            ["Bhrpc:References:greeter:MethodNaming"] = "camelCase",
        });

        var reference = settings.NewReference("greeter", typeof(IGreeter), r => r.MethodNaming = MethodNaming.AsDeclared);

        Assert.That(reference.MethodNaming, Is.EqualTo(MethodNaming.CamelCase));
    }

    [Test]
    public void Read_ServiceMethodNaming_MapsOntoServiceOptions()
    {
        var settings = Read(new Dictionary<string, string?>
        {
            ["Bhrpc:Services:0:Interface"] = typeof(IGreeter).AssemblyQualifiedName,
            ["Bhrpc:Services:0:Implementation"] = typeof(Greeter).AssemblyQualifiedName,
            ["Bhrpc:Services:0:MethodNaming"] = "CamelCase",
        });

        Assert.That(settings.Services.Single().ToServiceOptions(new Greeter(new Gate())).MethodNaming, Is.EqualTo(MethodNaming.CamelCase));
    }

    [TestCase("Bhrpc:Consumer:MethodNaming")]
    [TestCase("Bhrpc:Services:0:MethodNaming")]
    public void Read_UnknownMethodNaming_FailsNamingTheKeyAndTheAllowedValues(string key)
    {
        var values = new Dictionary<string, string?>
        {
            ["Bhrpc:Services:0:Interface"] = typeof(IGreeter).AssemblyQualifiedName,
            ["Bhrpc:Services:0:Implementation"] = typeof(Greeter).AssemblyQualifiedName,
            [key] = "snake_case",
        };

        var e = Assert.Throws<RpcException>(() => Read(values));

        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(e.Message, Does.Contain(key).And.Contain("snake_case").And.Contain("AsDeclared, CamelCase"));
    }

    [Test]
    public void NewReference_UnknownMethodNaming_FailsNamingTheKeyAndTheAllowedValues()
    {
        var settings = Read(new Dictionary<string, string?> { ["Bhrpc:References:greeter:MethodNaming"] = "Pascal" });

        var e = Assert.Throws<RpcException>(() => settings.NewReference("greeter", typeof(IGreeter), null));

        Assert.That(e!.Message, Does.Contain("Bhrpc:References:greeter:MethodNaming").And.Contain("Pascal").And.Contain("AsDeclared, CamelCase"));
    }

    private static BhrpcSettings Read(IDictionary<string, string?> values)
        => BhrpcSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
