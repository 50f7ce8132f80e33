namespace Bhrpc.Tests.Serialization.Behaviour;

/// <summary>The behaviour suite against the <c>hessian2</c> serializer.</summary>
[TestFixture]
public sealed class Hessian2SerializerBehaviourTests : SerializerBehaviourTests
{
    public enum Shade
    {
        Light,
        Dark,
    }

    protected override string SerializerName => "hessian2";

    protected override IEnumerable<(Type Type, object? Value)> SampleValues()
    {
        foreach (var sample in ObjectSerializerSamples())
        {
            yield return sample;
        }

        yield return (typeof(decimal), 12345.678m);
        yield return (typeof(DateTime), new DateTime(2026, 11, 21, 8, 30, 15, 250, DateTimeKind.Utc));
        yield return (typeof(Shade), Shade.Dark);
        yield return (typeof(Dictionary<int, string>), new Dictionary<int, string> { [1] = "one", [2] = "two" });
    }
}
