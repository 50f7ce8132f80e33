using Bhrpc.Cluster;
using Bhrpc.Extensions;
using Bhrpc.Invocation;

namespace Bhrpc.Routing.Condition;

/// <summary>
/// Router <c>condition</c>: a rule in Dubbo's syntax, <c>[when] =&gt; [then]</c>
/// (<see cref="ConditionRouterOptions.Rule"/>). A call that meets the when-part goes only to the providers that meet
/// the then-part; any other call is not narrowed. Each part is conditions joined by <c>&amp;</c>, all of which must hold;
/// a condition is <c>key=v1,v2</c> (the key's value matches one of the values) or <c>key!=v1,v2</c> (it matches
/// none), a value may contain <c>*</c> wildcards.
/// <list type="bullet">
/// <item>When-part keys (the call): <c>method</c> (its wire name or its declared name), <c>service</c> (the service
/// name), <c>tag</c> (the tag the call asks for), <c>arguments[n]</c> (argument n formatted with the invariant culture,
/// booleans as <c>true</c>/<c>false</c>; a null or missing argument matches no value).</item>
/// <item>Then-part keys (the provider): <c>host</c>, <c>port</c>, <c>address</c> (<c>host:port</c>), <c>tag</c> (its
/// tag; an untagged provider matches no value). Hosts and addresses compare ignoring case, everything else exactly.</item>
/// </list>
/// An empty (or <c>true</c>) when-part matches every call; an empty (or <c>false</c>) then-part sends matching calls to
/// no provider (a blacklist). When the then-part leaves no provider, the call goes to all of them, or to none with
/// <see cref="ConditionRouterOptions.Force"/>. Example: <c>method=find*,get* =&gt; host=10.0.*</c>,
/// <c>=&gt; host!=10.0.0.7</c> (keep every call off one host).
/// </summary>
[SpiClass("condition")]
internal sealed class ConditionRouter : IRouter
{
    private readonly ConditionRule _rule;
    private readonly bool _force;

    /// <summary>A condition router with the rule and settings of <paramref name="context"/>.</summary>
    /// <exception cref="RpcException"><see cref="RpcStatusCode.Configuration"/>: no rule, or a rule that does not parse (the message names the position and what was expected).</exception>
    public ConditionRouter(ExtensionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Bind<ConditionRouterOptions>();
        try
        {
            _rule = ConditionRuleParser.Parse(options.Rule!);
        }
        catch (FormatException e)
        {
            throw context.Error("rule", e.Message);
        }

        _force = options.Force;
    }

    /// <inheritdoc />
    public IReadOnlyList<Provider> Route(IReadOnlyList<Provider> providers, RpcInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(invocation);
        if (!_rule.MatchesCall(invocation))
        {
            return providers;
        }

        if (_rule.Then is null)
        {
            return [];
        }

        var count = 0;
        for (var i = 0; i < providers.Count; i++)
        {
            if (_rule.MatchesProvider(providers[i]))
            {
                count++;
            }
        }

        if (count == providers.Count)
        {
            return providers;
        }

        if (count == 0)
        {
            return _force ? [] : providers;
        }

        var result = new Provider[count];
        var next = 0;
        for (var i = 0; i < providers.Count; i++)
        {
            if (_rule.MatchesProvider(providers[i]))
            {
                result[next++] = providers[i];
            }
        }

        return result;
    }
}
