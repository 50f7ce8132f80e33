namespace Bhrpc.Tests.Serialization.Behaviour;

/// <summary>The behaviour suite against the <c>json</c> serializer.</summary>
[TestFixture]
public sealed class JsonSerializerBehaviourTests : SerializerBehaviourTests
{
    public sealed record Point(int X, int Y);

    protected override string SerializerName => "json";

    protected override IEnumerable<(Type Type, object? Value)> SampleValues()
    {
        yield return (typeof(bool), true);
        yield return (typeof(int), int.MinValue);
        yield return (typeof(long), long.MaxValue);
        yield return (typeof(double), 0.1 + 0.2);
        yield return (typeof(string), "héllo \"wörld\" 中文 😀");
        yield return (typeof(byte[]), new byte[] { 0, 1, 127, 128, 255 });
        yield return (typeof(int?), 42);
        yield return (typeof(List<string>), new List<string> { "a", "b" });
        yield return (typeof(Point), new Point(3, -4));
    }
}
