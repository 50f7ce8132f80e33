using System.Globalization;

namespace Bhrpc.Routing.Condition;

/// <summary>
/// Parses a condition rule, Dubbo's syntax: <c>[when] =&gt; [then]</c>, each part conditions joined by <c>&amp;</c>, a
/// condition <c>key=value[,value...]</c> or <c>key!=value[,value...]</c>, a value any run of characters but white
/// space and <c>&amp; , = !</c>, with <c>*</c> as a wildcard. White space around the tokens is allowed. An empty (or
/// <c>true</c>) when-part matches every call; an empty (or <c>false</c>) then-part matches no provider; a rule with no
/// <c>=&gt;</c> is all then-part. Keys of the when-part: <c>method</c>, <c>service</c>, <c>tag</c> (the tag the call
/// asks for), <c>arguments[n]</c>; of the then-part: <c>host</c>, <c>port</c>, <c>address</c>, <c>tag</c> (the
/// provider's tag). Keys ignore case.
/// </summary>
internal sealed class ConditionRuleParser
{
    private const string WhenKeys = "method, service, tag, arguments[n]";
    private const string ThenKeys = "host, port, address, tag";

    private readonly string _rule;
    private int _position;

    private ConditionRuleParser(string rule) => _rule = rule;

    /// <summary>Parses <paramref name="rule"/>.</summary>
    /// <exception cref="FormatException">The rule does not parse; the message names the 1-based position and what was expected there.</exception>
    public static ConditionRule Parse(string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var arrow = rule.IndexOf("=>", StringComparison.Ordinal);
        if (arrow >= 0 && rule.IndexOf("=>", arrow + 2, StringComparison.Ordinal) is var second and >= 0)
        {
            throw Error(rule, second, "a single '=>' (the rule has another one here)");
        }

        var parser = new ConditionRuleParser(rule);
        if (arrow < 0)
        {
            return new ConditionRule([], parser.Part(0, rule.Length, then: true));
        }

        var when = parser.Part(0, arrow, then: false) ?? [];
        return new ConditionRule(when, parser.Part(arrow + 2, rule.Length, then: true));
    }

    private static FormatException Error(string rule, int position, string expected)
    {
        var found = position >= rule.Length ? "the end of the rule" : rule.AsSpan(position).StartsWith("=>", StringComparison.Ordinal) ? "'=>'" : $"'{rule[position]}'";
        return new FormatException($"the condition rule '{rule}' does not parse at position {position + 1} (found {found}): expected {expected}; the syntax is [when] => [then], e.g. method=find*,get* & arguments[0]=vip => host=10.0.*");
    }

    /// <summary>The conditions between <paramref name="start"/> and <paramref name="end"/>; null for an empty then-part or <c>false</c>.</summary>
    private List<RuleCondition>? Part(int start, int end, bool then)
    {
        var text = _rule.AsSpan(start, end - start).Trim();
        if (text.IsEmpty || text.Equals(then ? "false" : "true", StringComparison.OrdinalIgnoreCase))
        {
            return then ? null : [];
        }

        _position = start;
        var conditions = new List<RuleCondition>();
        while (true)
        {
            conditions.Add(Condition(end, then));
            SkipSpace(end);
            if (_position >= end)
            {
                return conditions;
            }

            if (_rule[_position] != '&')
            {
                throw Error(_rule, _position, then ? "'&', ',' or the end of the rule" : "'&', ',' or '=>'");
            }

            _position++;
        }
    }

    private RuleCondition Condition(int end, bool then)
    {
        SkipSpace(end);
        var keyAt = _position;
        while (_position < end && (char.IsAsciiLetter(_rule[_position]) || _rule[_position] == '_'))
        {
            _position++;
        }

        var name = _rule[keyAt.._position];
        if (name.Length == 0)
        {
            throw Error(_rule, keyAt, "a key: " + (then ? ThenKeys : WhenKeys));
        }

        var (key, index) = Key(name, keyAt, end, then);
        SkipSpace(end);
        bool negated;
        if (_position < end && _rule[_position] == '=')
        {
            negated = false;
            _position++;
        }
        else if (_position + 1 < end && _rule[_position] == '!' && _rule[_position + 1] == '=')
        {
            negated = true;
            _position += 2;
        }
        else
        {
            throw Error(_rule, _position, $"'=' or '!=' after '{_rule[keyAt.._position].TrimEnd()}'");
        }

        var patterns = new List<string>();
        while (true)
        {
            SkipSpace(end);
            var valueAt = _position;
            while (_position < end && !char.IsWhiteSpace(_rule[_position]) && _rule[_position] is not ('&' or ',' or '=' or '!'))
            {
                _position++;
            }

            if (_position == valueAt)
            {
                throw Error(_rule, valueAt, patterns.Count == 0 ? $"a value after '{(negated ? "!=" : "=")}'" : "a value after ','");
            }

            if (_rule[valueAt] == '$')
            {
                throw Error(_rule, valueAt, "a literal value ('$' references to other keys are not supported)");
            }

            patterns.Add(_rule[valueAt.._position]);
            SkipSpace(end);
            if (_position >= end || _rule[_position] != ',')
            {
                return new RuleCondition(key, index, negated, patterns);
            }

            _position++;
        }
    }

    private (ConditionKey Key, int Index) Key(string name, int keyAt, int end, bool then)
    {
        if (name.Equals("arguments", StringComparison.OrdinalIgnoreCase))
        {
            if (then)
            {
                throw Error(_rule, keyAt, $"a key of the provider after '=>': {ThenKeys} ('arguments[n]' describes the call; put it before '=>')");
            }

            if (_position >= end || _rule[_position] != '[')
            {
                throw Error(_rule, _position, "'[' and an argument position, as in arguments[0]");
            }

            var digitsAt = ++_position;
            while (_position < end && char.IsAsciiDigit(_rule[_position]))
            {
                _position++;
            }

            if (_position == digitsAt || !int.TryParse(_rule.AsSpan(digitsAt, _position - digitsAt), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > 255)
            {
                throw Error(_rule, digitsAt, "an argument position 0..255, as in arguments[0]");
            }

            if (_position >= end || _rule[_position] != ']')
            {
                throw Error(_rule, _position, "']' after the argument position");
            }

            _position++;
            return (ConditionKey.Argument, index);
        }

        ConditionKey? key = name.ToLowerInvariant() switch
        {
            "method" => ConditionKey.Method,
            "service" => ConditionKey.Service,
            "tag" => ConditionKey.Tag,
            "host" => ConditionKey.Host,
            "port" => ConditionKey.Port,
            "address" => ConditionKey.Address,
            _ => null,
        };
        if (key is null)
        {
            throw Error(_rule, keyAt, $"a key: {(then ? ThenKeys : WhenKeys)} (not '{name}')");
        }

        if (then && key is ConditionKey.Method or ConditionKey.Service)
        {
            throw Error(_rule, keyAt, $"a key of the provider after '=>': {ThenKeys} ('{name}' describes the call; put it before '=>')");
        }

        if (!then && key is ConditionKey.Host or ConditionKey.Port or ConditionKey.Address)
        {
            throw Error(_rule, keyAt, $"a key of the call before '=>': {WhenKeys} ('{name}' describes the provider; put it after '=>')");
        }

        return (key.Value, 0);
    }

    private void SkipSpace(int end)
    {
        while (_position < end && char.IsWhiteSpace(_rule[_position]))
        {
            _position++;
        }
    }
}
