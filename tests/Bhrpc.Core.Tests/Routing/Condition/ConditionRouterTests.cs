using Bhrpc.Cluster;
using Bhrpc.Extensions;
using Bhrpc.Invocation;
using Bhrpc.Metadata;
using Bhrpc.Routing;
using Bhrpc.Routing.Condition;
using Bhrpc.Tests.Cluster;

namespace Bhrpc.Tests.Routing.Condition;

public sealed class ConditionRouterTests
{
    private const string A = "127.0.0.1:20880";
    private const string B = "127.0.0.2:20881";
    private const string C = "127.0.1.1:20880";
    private const string D = "127.0.1.2:30000";

    public interface IQuery
    {
        Task<string> Find(string s);

        Task<string> FindAll(int count, bool deep);

        Task<string> Save(string s);

        [PortableName("lookupByName")]
        Task<string> Lookup(string name);
    }

    private static ConditionRouter Make(string rule, bool force = false) =>
        new(new ExtensionContext("condition", "reference Demo", new Dictionary<string, string> { ["rule"] = rule, ["force"] = force ? "true" : "false" }));

    private static List<Provider> Providers() =>
    [
        FakeClusterContext.MakeProvider(A, TimeProvider.System),
        FakeClusterContext.MakeProvider(B, TimeProvider.System, "gray"),
        FakeClusterContext.MakeProvider(C, TimeProvider.System),
        FakeClusterContext.MakeProvider(D, TimeProvider.System, "blue"),
    ];

    private static RpcInvocation Call(string method, params object?[] arguments) => FakeClusterContext.Invocation(typeof(IQuery), method, arguments);

    private static string[] Route(string rule, RpcInvocation invocation, bool force = false) => [.. Make(rule, force).Route(Providers(), invocation).Select(p => p.Address)];

    [Test]
    public void Route_MethodWildcardMatches_NarrowsToTheHostPrefix()
    {
        Assert.That(Route("method=Find* => host=127.0.1.*", Call(nameof(IQuery.FindAll), 1, true)), Is.EqualTo(new[] { C, D }));
        Assert.That(Route("method=find* => host=127.0.1.*", Call(nameof(IQuery.FindAll), 1, true)), Has.Length.EqualTo(4), "method names compare exactly");
    }

    [Test]
    public void Route_Method_MatchesTheWireOrTheDeclaredName()
    {
        Assert.That(Route("method=Find* => host=127.0.1.*", Call(nameof(IQuery.Find), "x")), Is.EqualTo(new[] { C, D }));
        Assert.That(Route("method=lookupBy* => port=20881", Call(nameof(IQuery.Lookup), "x")), Is.EqualTo(new[] { B }), "wire name");
        Assert.That(Route("method=Lookup => port=20881", Call(nameof(IQuery.Lookup), "x")), Is.EqualTo(new[] { B }), "declared name");
    }

    [Test]
    public void Route_CallDoesNotMatchTheWhenPart_ReturnsEveryProvider()
    {
        var providers = Providers();
        Assert.That(Make("method=Find* => host=127.0.1.*").Route(providers, Call(nameof(IQuery.Save), "x")), Is.SameAs(providers));
    }

    [Test]
    public void Route_NegatedHost_KeepsTheOthers()
        => Assert.That(Route("=> host!=127.0.0.1,127.0.1.2", Call(nameof(IQuery.Save), "x")), Is.EqualTo(new[] { B, C }));

    [Test]
    public void Route_NegatedMethod_AppliesToTheOtherMethods()
    {
        Assert.That(Route("method!=Find,Lookup => port=20880", Call(nameof(IQuery.Save), "x")), Is.EqualTo(new[] { A, C }));
        Assert.That(Route("method!=Find,Lookup => port=20880", Call(nameof(IQuery.Find), "x")), Has.Length.EqualTo(4));
    }

    [Test]
    public void Route_ValueLists_MatchAnyOfThem()
        => Assert.That(Route("method=Save,Find => address=127.0.0.2:20881,127.0.1.2:*", Call(nameof(IQuery.Find), "x")), Is.EqualTo(new[] { B, D }));

    [Test]
    public void Route_ConditionsJoinedByAnd_MustAllHold()
    {
        const string Rule = "method=FindAll & arguments[1]=true => host=127.0.1.* & port!=30000";
        Assert.That(Route(Rule, Call(nameof(IQuery.FindAll), 3, true)), Is.EqualTo(new[] { C }));
        Assert.That(Route(Rule, Call(nameof(IQuery.FindAll), 3, false)), Has.Length.EqualTo(4));
    }

    [Test]
    public void Route_ArgumentByItsText_MatchesWildcardAndNumbers()
    {
        Assert.That(Route("arguments[0]=vip* => tag=gray", Call(nameof(IQuery.Find), "vip-42")), Is.EqualTo(new[] { B }));
        Assert.That(Route("arguments[0]=vip* => tag=gray", Call(nameof(IQuery.Find), "plain")), Has.Length.EqualTo(4));
        Assert.That(Route("arguments[0]=12 => tag=blue", Call(nameof(IQuery.FindAll), 12, false)), Is.EqualTo(new[] { D }));
    }

    [Test]
    public void Route_NullOrMissingArgument_MatchesNoValue()
    {
        Assert.That(Route("arguments[0]=* => tag=gray", Call(nameof(IQuery.Find), [null])), Has.Length.EqualTo(4));
        Assert.That(Route("arguments[0]!=x => tag=gray", Call(nameof(IQuery.Find), [null])), Is.EqualTo(new[] { B }));
        Assert.That(Route("arguments[5]=* => tag=gray", Call(nameof(IQuery.Find), "x")), Has.Length.EqualTo(4));
    }

    [Test]
    public void Route_ServiceAndRequestedTag_AreKeysOfTheCall()
    {
        Assert.That(Route("service=Dem* => port=30000", Call(nameof(IQuery.Find), "x")), Is.EqualTo(new[] { D }));
        var tagged = Call(nameof(IQuery.Find), "x");
        tagged.Attachments[AttachmentKeys.Tag] = "canary";
        Assert.That(Route("tag=canary => tag!=gray,blue", tagged), Is.EqualTo(new[] { A, C }));
        Assert.That(Route("tag=canary => tag!=gray,blue", Call(nameof(IQuery.Find), "x")), Has.Length.EqualTo(4));
    }

    [Test]
    public void Route_EmptyThenPart_BlacklistsMatchingCalls()
    {
        Assert.That(Route("method=Save =>", Call(nameof(IQuery.Save), "x")), Is.Empty);
        Assert.That(Route("method=Save => false", Call(nameof(IQuery.Save), "x")), Is.Empty);
        Assert.That(Route("method=Save =>", Call(nameof(IQuery.Find), "x")), Has.Length.EqualTo(4));
    }

    [Test]
    public void Route_EmptyWhenPart_AppliesToEveryCall()
    {
        Assert.That(Route("=> port=20880", Call(nameof(IQuery.Save), "x")), Is.EqualTo(new[] { A, C }));
        Assert.That(Route("true => port=20880", Call(nameof(IQuery.Find), "x")), Is.EqualTo(new[] { A, C }));
        Assert.That(Route("port=20880", Call(nameof(IQuery.Find), "x")), Is.EqualTo(new[] { A, C }), "no '=>': all then-part");
    }

    [Test]
    public void Route_ThenPartMatchesNoProvider_ReturnsEveryProviderUnlessForce()
    {
        Assert.That(Route("method=Find => host=127.9.*", Call(nameof(IQuery.Find), "x")), Has.Length.EqualTo(4));
        Assert.That(Route("method=Find => host=127.9.*", Call(nameof(IQuery.Find), "x"), force: true), Is.Empty);
    }

    [Test]
    public void Route_WhiteSpaceAndKeyCase_AreAllowed()
        => Assert.That(Route("  METHOD = Find* , Save  &  arguments[0] != x  =>  Host = 127.0.0.* ", Call(nameof(IQuery.Save), "y")), Is.EqualTo(new[] { A, B }));

    [Test]
    public void Ctor_NoRule_RefusedNamingTheSetting()
    {
        var error = Assert.Throws<RpcException>(() => new ConditionRouter(new ExtensionContext("condition", "reference Demo")));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.Contain("reference Demo:rule"));
    }

    [Test]
    public void Ctor_RuleThatDoesNotParse_RefusedNamingThePosition()
    {
        var error = Assert.Throws<RpcException>(() => Make("method=find* => host"));
        Assert.That(error!.StatusCode, Is.EqualTo(RpcStatusCode.Configuration));
        Assert.That(error.Message, Does.StartWith("reference Demo:rule: ").And.Contain("position 21").And.Contain("expected '=' or '!=' after 'host'"));
    }

    [Test]
    public void ExtensionLoader_Condition_IsARouter()
    {
        var context = new ExtensionContext("condition", "reference Demo", new Dictionary<string, string> { ["rule"] = "=> host=127.0.0.1" });
        Assert.That(ExtensionLoader.Shared.CreateFor<IRouter>(context), Is.TypeOf<ConditionRouter>());
    }
}
