using Bhrpc.Tests.Serialization.Behaviour;

namespace Bhrpc.MessagePack.Tests.Behaviour;

/// <summary>The behaviour suite every serializer runs, against the <c>msgpack</c> serializer.</summary>
[TestFixture]
public sealed class MessagePackSerializerBehaviourTests : SerializerBehaviourTests
{
    protected override string SerializerName => "msgpack";

    /// <summary>A sample object with every member set.</summary>
    internal static Sample FullSample() => new()
    {
        Id = 7,
        Name = "Ada 中文 😀",
        Shade = Shade.Dark,
        Line = new SampleLine("sku-1", 3, new DateTime(2026, 12, 8, 2, 30, 15, 250, DateTimeKind.Utc)),
        Tags = ["math", "engines"],
    };

    protected override IEnumerable<(Type Type, object? Value)> SampleValues()
    {
        yield return (typeof(bool), true);
        yield return (typeof(int), int.MinValue);
        yield return (typeof(uint), uint.MaxValue);
        yield return (typeof(long), long.MaxValue);
        yield return (typeof(ulong), ulong.MaxValue);
        yield return (typeof(short), (short)-300);
        yield return (typeof(sbyte), (sbyte)-7);
        yield return (typeof(byte), (byte)200);
        yield return (typeof(char), 'é');
        yield return (typeof(float), 0.1f);
        yield return (typeof(double), 0.1 + 0.2);
        yield return (typeof(decimal), 12345.678m);
        yield return (typeof(string), "héllo \"wörld\" 中文 😀");
        yield return (typeof(byte[]), new byte[] { 0, 1, 127, 128, 255 });
        yield return (typeof(int?), 42);
        yield return (typeof(DateTime), new DateTime(2026, 11, 21, 8, 30, 15, 250, DateTimeKind.Utc));
        yield return (typeof(Guid), new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"));
        yield return (typeof(Shade), Shade.Dark);
        yield return (typeof(List<string>), new List<string> { "a", "b" });
        yield return (typeof(int[]), new[] { 1, -2, 3 });
        yield return (typeof(HashSet<string>), new HashSet<string> { "x" });
        yield return (typeof(Dictionary<int, string>), new Dictionary<int, string> { [1] = "one", [2] = "two" });
        yield return (typeof(Sample), FullSample());
        yield return (typeof(Sample), new Sample());
        yield return (typeof(SampleLine), new SampleLine("sku-2", 0, new DateTime(1999, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }
}
