using Bhrpc.Cluster;
using Bhrpc.Invocation;

namespace Bhrpc.Routing.Condition;

/// <summary>A parsed condition rule: the conditions a call must meet, and those a provider must meet to get it.</summary>
/// <param name="When">Conditions on the call, all of which must hold; empty: every call.</param>
/// <param name="Then">Conditions on the provider, all of which must hold; null: no provider (the then-part was empty).</param>
internal sealed record ConditionRule(IReadOnlyList<RuleCondition> When, IReadOnlyList<RuleCondition>? Then)
{
    /// <summary>Whether <paramref name="invocation"/> meets every condition of the when-part.</summary>
    public bool MatchesCall(RpcInvocation invocation)
    {
        for (var i = 0; i < When.Count; i++)
        {
            if (!When[i].MatchesCall(invocation))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="provider"/> meets every condition of the then-part (false when it is empty).</summary>
    public bool MatchesProvider(Provider provider)
    {
        if (Then is null)
        {
            return false;
        }

        for (var i = 0; i < Then.Count; i++)
        {
            if (!Then[i].MatchesProvider(provider))
            {
                return false;
            }
        }

        return true;
    }
}
