namespace Bhrpc.Tests.Serialization.Behaviour;

/// <summary>The behaviour suite against the <c>hessian2</c> serializer.</summary>
[TestFixture]
public sealed class Hessian2SerializerBehaviourTests : SerializerBehaviourTests
{
    public sealed record Point(int X, int Y);

    public enum Shade
    {
        Light,
        Dark,
    }

    protected override string SerializerName => "hessian2";

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
        yield return (typeof(decimal), 12345.678m);
        yield return (typeof(DateTime), new DateTime(2026, 11, 21, 8, 30, 15, 250, DateTimeKind.Utc));
        yield return (typeof(Shade), Shade.Dark);
        yield return (typeof(Dictionary<int, string>), new Dictionary<int, string> { [1] = "one", [2] = "two" });
    }
}
