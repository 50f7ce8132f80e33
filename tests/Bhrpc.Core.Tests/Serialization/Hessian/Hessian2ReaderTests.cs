using System.Buffers;
using Bhrpc.Serialization.Hessian;

namespace Bhrpc.Tests.Serialization.Hessian;

public sealed class Hessian2ReaderTests
{
    private static object? Read(string hex, Hessian2Limits? limits = null)
    {
        var reader = new Hessian2Reader(Convert.FromHexString(hex), limits ?? Hessian2Limits.Default);
        var value = reader.ReadValue();
        reader.ReadMessageEnd();
        return value;
    }

    private static void AssertSerializationError(string hex, string fragment, Hessian2Limits? limits = null)
    {
        var e = Assert.Throws<RpcException>(() => Read(hex, limits));
        Assert.That(e!.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(e.Message, Does.Contain(fragment));
    }

    [TestCase("49000000", "truncated")]
    [TestCase("4c00", "truncated")]
    [TestCase("05616263", "exceeds the 3 bytes left")]
    [TestCase("0261e0", "bad utf-8 encoding at 0xe0")]
    [TestCase("40", "unknown tag 0x40")]
    [TestCase("5a", "unknown tag 0x5a")]
    [TestCase("5190", "reference 0 is out of range")]
    [TestCase("5390ff61", "exceeds")]
    [TestCase("42ffff00", "truncated")]
    [TestCase("58d7ffff", "exceeds")]
    [TestCase("6f", "class definition 15 is out of range")]
    [TestCase("7191", "type reference 1 is out of range")]
    [TestCase("02f0908080", "bad utf-8")]
    [TestCase("9091", "unexpected bytes")]
    public void ReadValue_BadInput_ThrowsSerialization(string hex, string fragment) =>
        AssertSerializationError(hex, fragment);

    [Test]
    public void ReadValue_TooManyClassDefinitions_ThrowsSerialization()
    {
        // Two class definitions (each "C" name 0 fields) then an instance of the first.
        AssertSerializationError("4301619043016290" + "60", "more than 1 class definitions", new Hessian2Limits(64, 1));
    }

    [Test]
    public void ReadValue_NestingBeyondTheLimit_ThrowsSerialization()
    {
        var hex = string.Concat(Enumerable.Repeat("79", 10)) + "4e";
        AssertSerializationError(hex, "deeper than 8", new Hessian2Limits(8, 16));
        Assert.That(Read(hex, new Hessian2Limits(10, 16)), Is.InstanceOf<HessianList>());
    }

    [Test]
    public void ReadValue_DeepNestingFarBeyondTheStack_ThrowsSerializationNotStackOverflow()
    {
        var hex = string.Concat(Enumerable.Repeat("79", 200_000));
        AssertSerializationError(hex, "deeper than 64");
    }

    [Test]
    public void ReadValue_CyclicList_ReferencesItself()
    {
        var list = (HessianList)Read("795190")!;
        Assert.That(list.Items[0], Is.SameAs(list));
    }

    [Test]
    public void ReadValue_ChunkedStringWithCompactFinalChunk_Joins() =>
        Assert.That(Read("520002616203636465"), Is.EqualTo("abcde"));

    [Test]
    public void ReadValue_DoubleMill_IsThousandths() =>
        Assert.That(Read("5f00002fda"), Is.EqualTo(12.25));
}
