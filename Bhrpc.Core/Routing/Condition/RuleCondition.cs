using System.Globalization;
using Bhrpc.Cluster;
using Bhrpc.Invocation;

namespace Bhrpc.Routing.Condition;

/// <summary>
/// One condition of a condition rule: <c>key=value,value</c> holds when the key's value matches one of the patterns,
/// <c>key!=value,value</c> when it matches none. A pattern's <c>*</c> matches any run of characters. A key with no
/// value (an argument that is null or missing, no tag) matches no pattern.
/// </summary>
/// <param name="Key">What is compared.</param>
/// <param name="Index">The argument's position, for <see cref="ConditionKey.Argument"/>.</param>
/// <param name="Negated">Whether the operator is <c>!=</c>.</param>
/// <param name="Patterns">The values, possibly with <c>*</c>.</param>
internal sealed record RuleCondition(ConditionKey Key, int Index, bool Negated, IReadOnlyList<string> Patterns)
{
    /// <summary>Whether the call meets the condition (a when-part key).</summary>
    public bool MatchesCall(RpcInvocation invocation)
    {
        var matched = Key switch
        {
            ConditionKey.Method => AnyMatches(invocation.MethodName, StringComparison.Ordinal) || AnyMatches(invocation.Method.Method.Name, StringComparison.Ordinal),
            ConditionKey.Service => AnyMatches(ServiceName(invocation.ServiceKey), StringComparison.Ordinal),
            ConditionKey.Tag => invocation.HasAttachments && invocation.Attachments.TryGetValue(AttachmentKeys.Tag, out var tag) && !string.IsNullOrEmpty(tag) && AnyMatches(tag, StringComparison.Ordinal),
            ConditionKey.Argument => Index < invocation.Arguments.Length && Format(invocation.Arguments[Index]) is { } text && AnyMatches(text, StringComparison.Ordinal),
            _ => throw new InvalidOperationException($"'{Key}' is not a key of the call."),
        };
        return matched != Negated;
    }

    /// <summary>Whether the provider meets the condition (a then-part key).</summary>
    public bool MatchesProvider(Provider provider)
    {
        bool matched;
        switch (Key)
        {
            case ConditionKey.Host:
                matched = AnyMatches(provider.Instance.Host, StringComparison.OrdinalIgnoreCase);
                break;
            case ConditionKey.Port:
                Span<char> port = stackalloc char[11];
                provider.Instance.Port.TryFormat(port, out var length, provider: CultureInfo.InvariantCulture);
                matched = AnyMatches(port[..length], StringComparison.Ordinal);
                break;
            case ConditionKey.Address:
                matched = AnyMatches(provider.Address, StringComparison.OrdinalIgnoreCase);
                break;
            case ConditionKey.Tag:
                matched = !string.IsNullOrEmpty(provider.Tag) && AnyMatches(provider.Tag, StringComparison.Ordinal);
                break;
            default:
                throw new InvalidOperationException($"'{Key}' is not a key of a provider.");
        }

        return matched != Negated;
    }

    /// <summary>Whether <paramref name="value"/> matches <paramref name="pattern"/>, where each <c>*</c> matches any run of characters.</summary>
    internal static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> value, StringComparison comparison)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return value.Equals(pattern, comparison);
        }

        if (!value.StartsWith(pattern[..star], comparison))
        {
            return false;
        }

        value = value[star..];
        pattern = pattern[(star + 1)..];
        while (true)
        {
            star = pattern.IndexOf('*');
            if (star < 0)
            {
                return value.EndsWith(pattern, comparison);
            }

            // The leftmost occurrence of each middle segment leaves the most room for the rest.
            var segment = pattern[..star];
            var at = value.IndexOf(segment, comparison);
            if (at < 0)
            {
                return false;
            }

            value = value[(at + segment.Length)..];
            pattern = pattern[(star + 1)..];
        }
    }

    private static ReadOnlySpan<char> ServiceName(string serviceKey)
    {
        var hash = serviceKey.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? serviceKey : serviceKey.AsSpan(0, hash);
    }

    private static string? Format(object? argument) => argument switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(argument, CultureInfo.InvariantCulture),
    };

    private bool AnyMatches(ReadOnlySpan<char> value, StringComparison comparison)
    {
        for (var i = 0; i < Patterns.Count; i++)
        {
            if (Glob(Patterns[i], value, comparison))
            {
                return true;
            }
        }

        return false;
    }
}
