using Bhrpc.Attributes;
using Bhrpc.Metadata;

namespace Bhrpc.Spring.Tests.Attributes;

public sealed class RpcReferenceAttributeTests
{
    private const string Where = "Tests.Holder._greeter";

    [Test]
    public void ToReferenceOptions_NothingSet_CoreDefaults()
    {
        var options = new RpcReferenceAttribute().ToReferenceOptions(typeof(IGreeter), null, Where);
        var core = new ReferenceOptions { Interface = typeof(IGreeter) };

        Assert.That(ReferenceOptionsText(options), Is.EqualTo(ReferenceOptionsText(core)));
        Assert.That(options.Registry, Is.Null, "an unset registry means the client's registry");
    }

    [Test]
    public void ToReferenceOptions_OnlyDefaultsSet_DefaultsWin()
    {
        var defaults = FullDefaults();

        // The defaults are oneway, so the contract's methods must not return values.
        var options = new RpcReferenceAttribute().ToReferenceOptions(typeof(IAuditLog), defaults, Where);

        Assert.Multiple(() =>
        {
            Assert.That(options.Version, Is.EqualTo("3.0.0"));
            Assert.That(options.Group, Is.EqualTo("defaults"));
            Assert.That(options.Registry?.Type, Is.EqualTo("zookeeper"));
            Assert.That(options.Registry?.Address, Is.EqualTo("10.0.0.1:2181"));
            Assert.That(options.Serializer, Is.EqualTo("hessian2"));
            Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(9)));
            Assert.That(options.LoadBalancer, Is.EqualTo("robin"));
            Assert.That(options.Proxy, Is.EqualTo("jdk"));
            Assert.That(options.Oneway, Is.True);
            Assert.That(options.MethodNaming, Is.EqualTo(MethodNaming.CamelCase));
        });
    }

    [Test]
    public void ToReferenceOptions_AttributeAndDefaultsSet_AttributeWins()
    {
        var attribute = new RpcReferenceAttribute
        {
            Version = "4.0.0",
            Group = "attr",
            Registry = "local:///tmp/attr-registry",
            DirectUrl = "127.0.0.1:1234",
            Serialization = "protobuf",
            Timeout = 1500,
            LoadBalance = "robinweight",
            Proxy = "dispatch",
            Oneway = false,
            ServiceName = "named",
            MethodNaming = MethodNaming.AsDeclared,
        };

        var options = attribute.ToReferenceOptions(typeof(IGreeter), FullDefaults(), Where);

        Assert.Multiple(() =>
        {
            Assert.That(options.Version, Is.EqualTo("4.0.0"));
            Assert.That(options.Group, Is.EqualTo("attr"));
            Assert.That(options.Registry?.Type, Is.EqualTo("local"));
            Assert.That(options.Registry?.Address, Is.EqualTo("/tmp/attr-registry"));
            Assert.That(options.DirectAddress, Is.EqualTo("127.0.0.1:1234"));
            Assert.That(options.Serializer, Is.EqualTo("protobuf"));
            Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
            Assert.That(options.LoadBalancer, Is.EqualTo("robinweight"));
            Assert.That(options.Proxy, Is.EqualTo("dispatch"));
            Assert.That(options.Oneway, Is.False, "an explicit Oneway = false overrides a default of true");
            Assert.That(options.MethodNaming, Is.EqualTo(MethodNaming.AsDeclared), "an explicit AsDeclared overrides a default of CamelCase");
            Assert.That(options.Key, Is.EqualTo("named#4.0.0#attr"));
        });
    }

    [Test]
    public void ToReferenceOptions_PartlySetAttribute_FallsBackPerSetting()
    {
        var options = new RpcReferenceAttribute { Version = "5.0.0" }
            .ToReferenceOptions(typeof(IGreeter), new ConsumerDefaults { Group = "g", Timeout = TimeSpan.FromSeconds(2) }, Where);

        Assert.Multiple(() =>
        {
            Assert.That(options.Version, Is.EqualTo("5.0.0"), "attribute");
            Assert.That(options.Group, Is.EqualTo("g"), "consumer default");
            Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(2)), "consumer default");
            Assert.That(options.Serializer, Is.EqualTo("json"), "built-in default");
            Assert.That(options.Oneway, Is.False, "built-in default");
            Assert.That(options.MethodNaming, Is.EqualTo(MethodNaming.AsDeclared), "built-in default");
        });
    }

    [TestCase(-2)]
    [TestCase(int.MinValue)]
    public void ToReferenceOptions_NegativeRetries_ConfigurationErrorNamingMember(int retries)
    {
        var error = Assert.Throws<RpcException>(() => new RpcReferenceAttribute { Retries = retries }.ToReferenceOptions(typeof(IGreeter), null, Where));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain(Where).And.Contain("Retries"));
    }

    [TestCase(0)]
    [TestCase(3)]
    public void CreateReferenceOptions_RetriesZeroOrMore_ReachTheOptions(int retries)
        => Assert.That(new RpcReferenceAttribute { Retries = retries }.CreateReferenceOptions(typeof(IGreeter), null, Where).Retries, Is.EqualTo(retries));

    [Test]
    public void CreateReferenceOptions_RetriesNotSet_LeavesTheDefault()
        => Assert.That(new RpcReferenceAttribute().CreateReferenceOptions(typeof(IGreeter), null, Where).Retries, Is.Null);

    [Test]
    public void CreateReferenceOptions_LazySetToFalse_IsEagerAndOverridesADefault()
    {
        var options = new RpcReferenceAttribute { Lazy = true }.CreateReferenceOptions(typeof(IGreeter), new ConsumerDefaults { Lazy = false }, Where);
        var eager = new RpcReferenceAttribute { Lazy = false }.CreateReferenceOptions(typeof(IGreeter), null, Where);

        Assert.That(options.Lazy, Is.True, "the attribute's Lazy = true wins over the consumer default");
        Assert.That(eager.Lazy, Is.False);
    }

    [Test]
    public void ToReferenceOptions_NegativeTimeout_ErrorNamingMember()
    {
        var error = Assert.Throws<RpcException>(() => new RpcReferenceAttribute { Timeout = -5 }.ToReferenceOptions(typeof(IGreeter), null, Where));
        Assert.That(error!.Message, Does.Contain(Where).And.Contain("Timeout"));
    }

    [Test]
    public void ToReferenceOptions_BadRegistryUrl_ErrorNamingMemberAndUrl()
    {
        var error = Assert.Throws<RpcException>(() => new RpcReferenceAttribute { Registry = "no-scheme" }.ToReferenceOptions(typeof(IGreeter), null, Where));
        Assert.That(error!.Message, Does.Contain(Where).And.Contain("no-scheme"));
    }

    [Test]
    public void ToReferenceOptions_NonInterfaceType_ErrorNamingMemberAndType()
    {
        var error = Assert.Throws<RpcException>(() => new RpcReferenceAttribute().ToReferenceOptions(typeof(Greeter), null, Where));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain(Where).And.Contain(typeof(Greeter).FullName).And.Contain("not an interface"));
    }

    [Test]
    public void ToReferenceOptions_MethodNamingOnlyInDefaults_DefaultWins()
    {
        var options = new RpcReferenceAttribute().ToReferenceOptions(typeof(IGreeter), new ConsumerDefaults { MethodNaming = MethodNaming.CamelCase }, Where);

        Assert.That(options.MethodNaming, Is.EqualTo(MethodNaming.CamelCase));
    }

    [Test]
    public void ToReferenceOptions_MethodNamingOnTheAttribute_IsUsed()
    {
        var options = new RpcReferenceAttribute { MethodNaming = MethodNaming.CamelCase }.ToReferenceOptions(typeof(IGreeter), null, Where);

        Assert.That(options.MethodNaming, Is.EqualTo(MethodNaming.CamelCase));
    }

    [Test]
    public void ToReferenceOptions_UndefinedMethodNaming_ErrorNamingMemberAndSetting()
    {
        var error = Assert.Throws<RpcException>(() => new RpcReferenceAttribute { MethodNaming = (MethodNaming)7 }.ToReferenceOptions(typeof(IGreeter), null, Where));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain(Where).And.Contain("MethodNaming").And.Contain("AsDeclared or CamelCase"));
    }

    [Test]
    public void ToReferenceOptions_OnewayDefaultOnAValueReturningContract_ErrorNamingMemberAndMethods()
    {
        var error = Assert.Throws<RpcException>(() => new RpcReferenceAttribute().ToReferenceOptions(typeof(IGreeter), new ConsumerDefaults { Oneway = true }, Where));

        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain(Where).And.Contain("Hello, HelloAsync").And.Contain("a oneway call gets no response"));
    }

    private static ConsumerDefaults FullDefaults() => new()
    {
        Version = "3.0.0",
        Group = "defaults",
        Registry = "zookeeper://10.0.0.1:2181",
        Serializer = "hessian2",
        Timeout = TimeSpan.FromSeconds(9),
        LoadBalancer = "robin",
        Proxy = "jdk",
        Oneway = true,
        MethodNaming = MethodNaming.CamelCase,
    };

    private static string ReferenceOptionsText(ReferenceOptions o)
        => $"{o.Key}|{o.Registry}|{o.DirectAddress}|{o.Serializer}|{o.Timeout}|{o.Oneway}|{o.LoadBalancer}|{o.Proxy}|{o.MethodNaming}";
}
