using Bhrpc.Cluster;
using Bhrpc.Extensions;
using Bhrpc.Invocation;
using Bhrpc.Routing;
using Bhrpc.Routing.Tag;
using Bhrpc.Tests.Cluster;

namespace Bhrpc.Tests.Routing.Tag;

public sealed class TagRouterTests
{
    public interface IQuery
    {
        Task<string> Find(string s);
    }

    private static TagRouter Make(Dictionary<string, string>? settings = null) => new(new ExtensionContext("tag", "reference Demo", settings));

    private static List<Provider> Providers(params (string Address, string? Tag)[] providers) =>
        [.. providers.Select(p => FakeClusterContext.MakeProvider(p.Address, TimeProvider.System, p.Tag))];

    private static RpcInvocation Call(string? tag = null)
    {
        var invocation = FakeClusterContext.Invocation(typeof(IQuery), nameof(IQuery.Find), ["x"]);
        if (tag is not null)
        {
            invocation.Attachments[AttachmentKeys.Tag] = tag;
        }

        return invocation;
    }

    private static string[] Addresses(IReadOnlyList<Provider> providers) => [.. providers.Select(p => p.Address)];

    private static List<Provider> Mixed() => Providers(("127.0.0.1:1", null), ("127.0.0.1:2", "gray"), ("127.0.0.1:3", "blue"), ("127.0.0.1:4", ""), ("127.0.0.1:5", "gray"));

    [Test]
    public void Route_TagAsked_ReturnsOnlyProvidersWithThatTag()
        => Assert.That(Addresses(Make().Route(Mixed(), Call("gray"))), Is.EqualTo(new[] { "127.0.0.1:2", "127.0.0.1:5" }));

    [Test]
    public void Route_TagAskedDiffersInCase_DoesNotMatch()
        => Assert.That(Addresses(Make(new() { ["force"] = "true" }).Route(Mixed(), Call("Gray"))), Is.Empty);

    [Test]
    public void Route_TagAskedThatNoProviderHas_FallsBackToUntagged()
        => Assert.That(Addresses(Make().Route(Mixed(), Call("red"))), Is.EqualTo(new[] { "127.0.0.1:1", "127.0.0.1:4" }));

    [Test]
    public void Route_TagAskedThatNoProviderHasAndForce_ReturnsNone()
        => Assert.That(Make(new() { ["force"] = "true" }).Route(Mixed(), Call("red")), Is.Empty);

    [Test]
    public void Route_TagAskedNoProviderHasItNorIsUntagged_ReturnsNone()
        => Assert.That(Make().Route(Providers(("127.0.0.1:2", "gray"), ("127.0.0.1:3", "blue")), Call("red")), Is.Empty);

    [Test]
    public void Route_NoTagAsked_ReturnsOnlyUntagged()
        => Assert.That(Addresses(Make().Route(Mixed(), Call())), Is.EqualTo(new[] { "127.0.0.1:1", "127.0.0.1:4" }));

    [Test]
    public void Route_EmptyTagAsked_CountsAsNoTag()
        => Assert.That(Addresses(Make().Route(Mixed(), Call(string.Empty))), Is.EqualTo(new[] { "127.0.0.1:1", "127.0.0.1:4" }));

    [Test]
    public void Route_NoTagAskedAndEveryProviderTagged_ReturnsAll()
    {
        var providers = Providers(("127.0.0.1:2", "gray"), ("127.0.0.1:3", "blue"));
        Assert.That(Make().Route(providers, Call()), Is.SameAs(providers));
    }

    [Test]
    public void Route_NoTagAskedEveryProviderTaggedAndForce_ReturnsNone()
        => Assert.That(Make(new() { ["force"] = "true" }).Route(Providers(("127.0.0.1:2", "gray"), ("127.0.0.1:3", "blue")), Call()), Is.Empty);

    [Test]
    public void Route_NoTagAskedAndNoProviderTagged_ReturnsTheSameList()
    {
        var providers = Providers(("127.0.0.1:1", null), ("127.0.0.1:2", null));
        Assert.That(Make().Route(providers, Call()), Is.SameAs(providers));
    }

    [Test]
    public void Route_ReferenceTagSetting_AppliesWhenTheCallAsksForNone()
        => Assert.That(Addresses(Make(new() { ["tag"] = "blue" }).Route(Mixed(), Call())), Is.EqualTo(new[] { "127.0.0.1:3" }));

    [Test]
    public void Route_CallTagAndReferenceTagSetting_TheCallsWins()
        => Assert.That(Addresses(Make(new() { ["tag"] = "blue" }).Route(Mixed(), Call("gray"))), Is.EqualTo(new[] { "127.0.0.1:2", "127.0.0.1:5" }));

    [Test]
    public void Ctor_UnknownSetting_RefusedListingTheKnownOnes()
    {
        var error = Assert.Throws<RpcException>(() => Make(new() { ["strict"] = "true" }));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain("reference Demo:strict").And.Contain("force, tag"));
    }

    [Test]
    public void ExtensionLoader_Tag_IsARouter()
        => Assert.That(ExtensionLoader.Shared.CreateFor<IRouter>(new ExtensionContext("tag", "reference Demo")), Is.TypeOf<TagRouter>());
}
