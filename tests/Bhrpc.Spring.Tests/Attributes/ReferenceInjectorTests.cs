using Bhrpc.Attributes;
using Bhrpc.Injection;

namespace Bhrpc.Spring.Tests.Attributes;

public sealed class ReferenceInjectorTests
{
    // NUnit1032 does not see a DisposeAsync whose task is bounded by WaitAsync; TearDown disposes it.
#pragma warning disable NUnit1032
    private RpcClient _client = null!;
#pragma warning restore NUnit1032

    [SetUp]
    public void SetUp() => _client = new RpcClient();

    [TearDown]
    public async Task TearDown()
    {
        var disposing = _client.DisposeAsync();
        await disposing.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public void Inject_EveryKindOfMember_SetsProxies()
    {
        var holder = new GreeterHolder();

        var count = new ReferenceInjector(_client).Inject(holder);

        Assert.Multiple(() =>
        {
            Assert.That(count, Is.EqualTo(4));
            Assert.That(holder.ReadonlyField, Is.Not.Null, "readonly field");
            Assert.That(holder.PrivateField, Is.Not.Null, "private field");
            Assert.That(holder.PrivatePropertyValue, Is.Not.Null, "private property");
            Assert.That(holder.Inherited, Is.Not.Null, "private field of the base class");
            Assert.That(holder.Unmarked, Is.Null, "unmarked members are left alone");
        });
    }

    [Test]
    public void Inject_SameSettings_ShareOneProxy_DifferentSettings_DoNot()
    {
        var holder = new GreeterHolder();
        var other = new GreeterHolder();
        var injector = new ReferenceInjector(_client);

        injector.Inject(holder);
        injector.Inject(other);

        Assert.Multiple(() =>
        {
            Assert.That(holder.PrivateField, Is.SameAs(holder.ReadonlyField), "both unset: the same reference");
            Assert.That(other.PrivateField, Is.SameAs(holder.PrivateField), "one proxy per distinct settings, across objects");
            Assert.That(holder.PrivatePropertyValue, Is.Not.SameAs(holder.PrivateField), "group differs");
            Assert.That(holder.Inherited, Is.Not.SameAs(holder.PrivateField), "version differs");
        });
    }

    [Test]
    public void Inject_OnlyMethodNamingDiffers_TwoProxies()
    {
        var holder = new NamingHolder();

        new ReferenceInjector(_client).Inject(holder);

        Assert.That(holder.CamelCase, Is.Not.SameAs(holder.AsDeclared), "a proxy shared across namings would send one of them the wrong names");
    }

    [Test]
    public void MembersOf_FindsInheritedAndNonPublicMembersWithTheirSettings()
    {
        var members = ReferenceInjector.MembersOf(typeof(GreeterHolder));

        Assert.That(members.Select(m => m.Name), Is.EquivalentTo(new[]
        {
            $"{typeof(GreeterHolder).FullName}._readonlyField",
            $"{typeof(GreeterHolder).FullName}._privateField",
            $"{typeof(GreeterHolder).FullName}.PrivateProperty",
            $"{typeof(GreeterHolderBase).FullName}._inherited",
        }));
        Assert.That(members.Single(m => m.Member.Name == "_inherited").Attribute.Version, Is.EqualTo("9.9.9"));
        Assert.That(ReferenceInjector.MembersOf(typeof(GreeterHolder)), Is.SameAs(members), "cached per type");
    }

    [Test]
    public void Inject_ConsumerDefaults_ReachTheReference()
    {
        var injector = new ReferenceInjector(_client, new ConsumerDefaults { Version = "9.9.9" });
        var holder = new GreeterHolder();

        injector.Inject(holder);

        // The base member sets 9.9.9 itself; with the default the plain field has the same settings now.
        Assert.That(holder.PrivateField, Is.SameAs(holder.Inherited));
    }

    [Test]
    public void Inject_ClassTypedMember_ErrorNamesTypeAndMember()
    {
        var error = Assert.Throws<RpcException>(() => new ReferenceInjector(_client).Inject(new ClassTypedHolder()));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain($"{typeof(ClassTypedHolder).FullName}._notAnInterface").And.Contain(typeof(Greeter).FullName).And.Contain("not an interface"));
    }

    [Test]
    public void Inject_GetterOnlyProperty_ErrorNamesMember()
    {
        var error = Assert.Throws<RpcException>(() => new ReferenceInjector(_client).Inject(new GetterOnlyHolder()));
        Assert.That(error!.Message, Does.Contain($"{typeof(GetterOnlyHolder).FullName}.Greeter").And.Contain("setter"));
    }

    [Test]
    public void Inject_NoMarkedMembers_SetsNothing()
        => Assert.That(new ReferenceInjector(_client).Inject(new Greeter()), Is.Zero);
}
