using System.Buffers;
using Bhrpc.Serialization.Hessian;

namespace Bhrpc.Tests.Serialization.Hessian;

public sealed class Hessian2WriterTests
{
    private static string Hex(Action<Hessian2Writer> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new Hessian2Writer(buffer));
        return Convert.ToHexString(buffer.WrittenSpan).ToLowerInvariant();
    }

    [TestCase(0, "90")]
    [TestCase(-16, "80")]
    [TestCase(47, "bf")]
    [TestCase(48, "c830")]
    [TestCase(-2048, "c000")]
    [TestCase(2047, "cfff")]
    [TestCase(-262144, "d00000")]
    [TestCase(262143, "d7ffff")]
    [TestCase(262144, "4900040000")]
    [TestCase(int.MinValue, "4980000000")]
    public void WriteInt_UsesJavasCompactForm(int value, string hex) =>
        Assert.That(Hex(w => w.WriteInt(value)), Is.EqualTo(hex));

    [TestCase(0L, "e0")]
    [TestCase(-8L, "d8")]
    [TestCase(15L, "ef")]
    [TestCase(16L, "f810")]
    [TestCase(-2048L, "f000")]
    [TestCase(262143L, "3fffff")]
    [TestCase(-262144L, "380000")]
    [TestCase(262144L, "5900040000")]
    [TestCase(2147483648L, "4c0000000080000000")]
    public void WriteLong_UsesJavasCompactForm(long value, string hex) =>
        Assert.That(Hex(w => w.WriteLong(value)), Is.EqualTo(hex));

    [TestCase(0.0, "5b")]
    [TestCase(-0.0, "5b")]
    [TestCase(1.0, "5c")]
    [TestCase(-128.0, "5d80")]
    [TestCase(32767.0, "5e7fff")]
    [TestCase(12.25, "5f00002fda")]
    [TestCase(double.NaN, "447ff8000000000000")]
    public void WriteDouble_UsesJavasCompactForm(double value, string hex) =>
        Assert.That(Hex(w => w.WriteDouble(value)), Is.EqualTo(hex));

    [Test]
    public void WriteString_SupplementaryCharacter_IsTwoCodeUnitsOfThreeBytesEach() =>
        Assert.That(Hex(w => w.WriteString("\U0001F600")), Is.EqualTo("02eda0bdedb880"));

    [Test]
    public void WriteString_LongString_ChunksNeverSplitASurrogatePair()
    {
        var value = new string('a', Hessian2Writer.StringChunkSize - 1) + "\U0001F600";
        var hex = Hex(w => w.WriteString(value));
        Assert.That(hex[..6], Is.EqualTo("527fff"));
    }

    [TestCase(0, "20")]
    [TestCase(15, "2f")]
    [TestCase(16, "3410")]
    [TestCase(1024, "420400")]
    public void WriteBinary_HeaderFollowsLength(int length, string header) =>
        Assert.That(Hex(w => w.WriteBinary(new byte[length]))[..header.Length], Is.EqualTo(header));

    [Test]
    public void WriteDate_WholeMinutes_UsesTheMinuteForm() =>
        Assert.That(Hex(w => w.WriteDate(60000)), Is.EqualTo("4b00000001"));
}
