using Bhrpc.Tests.Protos;
using Google.Protobuf;

namespace Bhrpc.Tests.Serialization.Behaviour;

/// <summary>The behaviour suite against the <c>protobuf</c> serializer.</summary>
[TestFixture]
public sealed class ProtobufSerializerBehaviourTests : SerializerBehaviourTests
{
    protected override string SerializerName => "protobuf";

    /// <summary>A message using every field shape of the test .proto.</summary>
    internal static Customer SampleCustomer() => new()
    {
        Id = 9_000_000_001,
        Name = "Ada 中文",
        Address = new Address { Street = "12 Analytical Way", City = "London" },
        Tags = { "math", "engines" },
        Scores = { ["chess"] = 1800, ["go"] = -3 },
        Tier = Tier.Gold,
        PreviousAddresses = { new Address { City = "Paris" }, new Address() },
        Avatar = ByteString.CopyFrom(0, 255, 7),
    };

    protected override IEnumerable<(Type Type, object? Value)> SampleValues()
    {
        yield return (typeof(bool), true);
        yield return (typeof(int), int.MinValue);
        yield return (typeof(uint), uint.MaxValue);
        yield return (typeof(long), long.MaxValue);
        yield return (typeof(ulong), ulong.MaxValue);
        yield return (typeof(float), 0.1f);
        yield return (typeof(double), 0.1 + 0.2);
        yield return (typeof(string), "héllo \"wörld\" 中文 😀");
        yield return (typeof(byte[]), new byte[] { 0, 1, 127, 128, 255 });
        yield return (typeof(int?), 42);
        yield return (typeof(Customer), SampleCustomer());
        yield return (typeof(Customer), new Customer());
        yield return (typeof(CustomerPage), new CustomerPage { Customers = { SampleCustomer(), new Customer { Name = "Bob" } }, More = true });
    }
}
