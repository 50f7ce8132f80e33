using Bhrpc.Routing.Condition;

namespace Bhrpc.Tests.Routing.Condition;

public sealed class ConditionRuleParserTests
{
    [TestCase("method find => host=1", 8, "'=' or '!=' after 'method'")]
    [TestCase("method= => host=1", 9, "a value after '='")]
    [TestCase("method=a, => host=1", 11, "a value after ','")]
    [TestCase("method=a b => host=1", 10, "'&', ',' or '=>'")]
    [TestCase("method=a & => host=1", 12, "a key: method, service, tag, arguments[n]")]
    [TestCase("method=a => host=1 port=2", 20, "'&', ',' or the end of the rule")]
    [TestCase("colour=red => host=1", 1, "(not 'colour')")]
    [TestCase("host=127.* => port=1", 1, "'host' describes the provider; put it after '=>'")]
    [TestCase("=> method=find", 4, "'method' describes the call; put it before '=>'")]
    [TestCase("=> arguments[0]=1", 4, "'arguments[n]' describes the call")]
    [TestCase("arguments=1 => host=1", 10, "'[' and an argument position")]
    [TestCase("arguments[x]=1 => host=1", 11, "an argument position 0..255")]
    [TestCase("arguments[0=1 => host=1", 12, "']' after the argument position")]
    [TestCase("method=a => host=1 => port=2", 20, "a single '=>'")]
    [TestCase("method=$other => host=1", 8, "'$' references")]
    [TestCase("method!find => host=1", 7, "'=' or '!=' after 'method'")]
    public void Parse_Malformed_NamesThePositionAndWhatWasExpected(string rule, int position, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ConditionRuleParser.Parse(rule));
        Assert.That(error!.Message, Does.Contain($"at position {position} ").And.Contain(expected));
    }

    [Test]
    public void Parse_ValueMissingBeforeTheArrow_SaysItFoundTheArrow()
    {
        var error = Assert.Throws<FormatException>(() => ConditionRuleParser.Parse("method= => host=1"));
        Assert.That(error!.Message, Does.Contain("(found '=>')"));
    }

    [Test]
    public void Parse_FullRule_KeepsEveryConditionInOrder()
    {
        var rule = ConditionRuleParser.Parse("method=find*,get & arguments[2]!=x => host=10.0.* & tag=gray");
        Assert.That(rule.When, Has.Count.EqualTo(2));
        Assert.That(rule.When[0], Is.EqualTo(new RuleCondition(ConditionKey.Method, 0, false, rule.When[0].Patterns)));
        Assert.That(rule.When[0].Patterns, Is.EqualTo(new[] { "find*", "get" }));
        Assert.That(rule.When[1].Key, Is.EqualTo(ConditionKey.Argument));
        Assert.That(rule.When[1].Index, Is.EqualTo(2));
        Assert.That(rule.When[1].Negated, Is.True);
        Assert.That(rule.Then!.Select(c => c.Key), Is.EqualTo(new[] { ConditionKey.Host, ConditionKey.Tag }));
    }

    [TestCase("abc", "abc", true)]
    [TestCase("abc", "abcd", false)]
    [TestCase("ab*", "abcd", true)]
    [TestCase("*cd", "abcd", true)]
    [TestCase("*", "", true)]
    [TestCase("a*d", "abcd", true)]
    [TestCase("a*c*e", "abxcxxe", true)]
    [TestCase("a*c*e", "abxcxx", false)]
    [TestCase("a*a", "a", false)]
    [TestCase("10.0.*", "10.1.0.1", false)]
    public void Glob_Pattern_MatchesAsAWildcard(string pattern, string value, bool expected)
        => Assert.That(RuleCondition.Glob(pattern, value, StringComparison.Ordinal), Is.EqualTo(expected));
}
