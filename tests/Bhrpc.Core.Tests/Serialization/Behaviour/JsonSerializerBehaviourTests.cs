namespace Bhrpc.Tests.Serialization.Behaviour;

/// <summary>The behaviour suite against the <c>json</c> serializer.</summary>
[TestFixture]
public sealed class JsonSerializerBehaviourTests : SerializerBehaviourTests
{
    protected override string SerializerName => "json";

    protected override IEnumerable<(Type Type, object? Value)> SampleValues() => ObjectSerializerSamples();
}
