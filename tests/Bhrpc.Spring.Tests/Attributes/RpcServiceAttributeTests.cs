using Bhrpc.Attributes;
using Bhrpc.Injection;
using Bhrpc.Metadata;

namespace Bhrpc.Spring.Tests.Attributes;

public sealed class RpcServiceAttributeTests
{
    [Test]
    public void ToServiceOptions_Defaults_MatchCoreDefaults()
    {
        var implementation = new Greeter();
        var options = new RpcServiceAttribute(typeof(IGreeter)).ToServiceOptions(implementation);
        var core = new ServiceOptions { ServiceType = typeof(IGreeter), Implementation = implementation };

        Assert.Multiple(() =>
        {
            Assert.That(options.ServiceType, Is.EqualTo(typeof(IGreeter)));
            Assert.That(options.Implementation, Is.SameAs(implementation));
            Assert.That(options.Version, Is.EqualTo("1.0.0").And.EqualTo(core.Version));
            Assert.That(options.Group, Is.Empty);
            Assert.That(options.Weight, Is.EqualTo(1));
            Assert.That(options.EffectiveServiceName, Is.EqualTo(typeof(IGreeter).FullName));
            Assert.That(options.Key, Is.EqualTo(core.Key));
            Assert.That(options.MethodNaming, Is.EqualTo(MethodNaming.AsDeclared).And.EqualTo(core.MethodNaming));
        });
    }

    [Test]
    public void ServicesOf_CustomAttribute_CarriesEverySetting()
    {
        var implementation = new CustomGreeter();
        var options = ServiceScanner.ServicesOf(implementation).Single();

        Assert.Multiple(() =>
        {
            Assert.That(options.Version, Is.EqualTo("2.0.0"));
            Assert.That(options.Group, Is.EqualTo("blue"));
            Assert.That(options.Weight, Is.EqualTo(7));
            Assert.That(options.EffectiveServiceName, Is.EqualTo("greeter"));
            Assert.That(options.Key, Is.EqualTo("greeter#2.0.0#blue"));
            Assert.That(options.Implementation, Is.SameAs(implementation));
            Assert.That(options.MethodNaming, Is.EqualTo(MethodNaming.CamelCase));
        });
        Assert.That(options.Validate, Throws.Nothing);
    }

    [Test]
    public void AttributesOf_InterfaceNotImplemented_NamesTypeAndInterface()
    {
        var error = Assert.Throws<RpcException>(() => ServiceScanner.AttributesOf(typeof(MisdeclaredService)));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain(typeof(MisdeclaredService).FullName).And.Contain(typeof(IGreeter).FullName));
    }

    [Test]
    public void FindServiceTypes_TestAssembly_FindsConcreteMarkedClassesOnly()
    {
        var found = ServiceScanner.FindServiceTypes([typeof(Greeter).Assembly, typeof(Greeter).Assembly]);

        Assert.That(found, Does.Contain(typeof(Greeter)).And.Contain(typeof(CustomGreeter)));
        Assert.That(found, Does.Not.Contain(typeof(MisdeclaredService)), "abstract classes cannot be exported");
        Assert.That(found, Does.Not.Contain(typeof(RpcServiceAttributeTests)));
        Assert.That(found, Is.Unique);
    }

    [Test]
    public void FindServiceTypes_AssemblyWithoutServices_FindsNothing()
        => Assert.That(ServiceScanner.FindServiceTypes([typeof(RpcServiceAttribute).Assembly]), Is.Empty);
}
