using System.Buffers;
using System.Text;
using Bhrpc.Protocol;
using Bhrpc.Serialization.Hessian;

namespace Bhrpc.Tests.Serialization.Hessian;

/// <summary>
/// Java's signed byte, Java's collection classes, back-references and binary chunks, checked
/// without Java: the expected bytes are the ones Java's Hessian 4.0.38 wrote for the same values
/// (Hessian2InteropTests compares every case with Java itself when Java is installed).
/// </summary>
public sealed class Hessian2JavaFormsTests
{
    private static readonly Hessian2RpcSerializer Serializer = new();

    private static string Hex(object? value, Type? declared = null, bool boxed = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new Hessian2ValueWriter(new Hessian2Writer(buffer), 64).Write(value, declared ?? typeof(object), boxed);
        return Convert.ToHexString(buffer.WrittenSpan).ToLowerInvariant();
    }

    private static string HexOf(string ascii) => Convert.ToHexString(Encoding.ASCII.GetBytes(ascii)).ToLowerInvariant();

    private static object? Read(string hex, Type target)
    {
        var reader = new Hessian2Reader(Convert.FromHexString(hex), Hessian2Limits.Default);
        var value = reader.ReadValue();
        reader.ReadMessageEnd();
        return new Hessian2Converter(64).Convert(value, target);
    }

    /// <summary>Java's <c>Byte</c> as Java writes it in an object slot: a ByteHandle whose <c>_value</c> is the signed int.</summary>
    private static string JavaByte(int value) =>
        "433020" + HexOf("com.caucho.hessian.io.ByteHandle") + "91065f76616c756560" + Convert.ToHexString([(byte)(0x90 + value)]).ToLowerInvariant();

    [Test]
    public void Convert_JavaByteMinusSeven_ReadsAsSbyteInTypedAndObjectSlots()
    {
        Assert.That(Read(JavaByte(-7), typeof(sbyte)), Is.EqualTo((sbyte)-7));
        Assert.That(Read(JavaByte(-7), typeof(object)), Is.EqualTo((sbyte)-7).And.TypeOf<sbyte>());
        Assert.That(Read(JavaByte(-7), typeof(int)), Is.EqualTo(-7));
    }

    [Test]
    public void Convert_JavaByteMinusSevenIntoDotNetByte_FailsNamingTheValueAndTheRange()
    {
        var e = Assert.Throws<RpcException>(() => Read(JavaByte(-7), typeof(byte)))!;
        Assert.That(e.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(e.Message, Does.Contain("-7 does not fit a System.Byte (0..255)").And.Contain("declare it as sbyte"));
    }

    [Test]
    public void Write_DotNetByte200InAnObjectSlot_IsAJavaShortThatKeeps200()
    {
        // Java writes (short) 200 in an object slot as exactly these bytes; as a Byte it would be -56.
        Assert.That(Hex((byte)200), Is.EqualTo("433021" + HexOf("com.caucho.hessian.io.ShortHandle") + "91065f76616c756560c8c8"));
        Assert.That(Read(Hex((byte)200), typeof(byte)), Is.EqualTo((byte)200));
    }

    [Test]
    public void Write_Sbyte_IsAJavaByteHandle() =>
        Assert.That(Hex((sbyte)-7), Is.EqualTo(JavaByte(-7)));

    [Test]
    public void RoundTrip_SbyteArray_IsJavasByteArrayBinary()
    {
        Assert.That(Hex(new sbyte[] { -7, 127 }), Is.EqualTo("22f97f"));
        Assert.That(Read("22f97f", typeof(sbyte[])), Is.EqualTo(new sbyte[] { -7, 127 }).And.TypeOf<sbyte[]>());
    }

    [Test]
    public void Write_HashSet_IsAJavaHashSetTypedList() =>
        Assert.That(Hex(new HashSet<string> { "a", "b" }), Is.EqualTo("7211" + HexOf("java.util.HashSet") + "01610162"));

    [Test]
    public void Write_HashSetOfNine_UsesTheLongTypedListForm() =>
        Assert.That(Hex(new HashSet<int> { 1, 2, 3, 4, 5, 6, 7, 8, 9 }), Is.EqualTo("5611" + HexOf("java.util.HashSet") + "99919293949596979899"));

    [Test]
    public void Write_HashSetDeclaredAsASequence_IsTheArrayListJavaExpectsForAList() =>
        Assert.That(Hex(new HashSet<string> { "a", "b" }, typeof(IEnumerable<string>), boxed: true), Is.EqualTo("7a01610162"));

    [Test]
    public void Write_SortedSetAndLinkedList_AreTreeSetAndLinkedList()
    {
        Assert.That(Hex(new SortedSet<string> { "b", "a" }), Is.EqualTo("7211" + HexOf("java.util.TreeSet") + "01610162"));
        Assert.That(Hex(new LinkedList<string>(["a", "b"])), Is.EqualTo("7214" + HexOf("java.util.LinkedList") + "01610162"));
        Assert.That(Hex(new List<string> { "a", "b" }), Is.EqualTo("7a01610162"));
    }

    [Test]
    public void Write_Maps_AreHashMapTreeMapAndLinkedHashMapAsJavaWritesThem()
    {
        Assert.That(Hex(new Dictionary<string, int> { ["a"] = 1 }), Is.EqualTo("480161915a"));
        Assert.That(Hex(new SortedDictionary<string, int> { ["a"] = 1 }), Is.EqualTo("4d11" + HexOf("java.util.TreeMap") + "0161915a"));
        Assert.That(Hex(new OrderedDictionary<string, int> { ["a"] = 1 }), Is.EqualTo("4d17" + HexOf("java.util.LinkedHashMap") + "0161915a"));
    }

    [Test]
    public void Convert_TypedAndUntypedLists_BuildTheDeclaredCollection()
    {
        var hashSet = "7211" + HexOf("java.util.HashSet") + "01610162";
        Assert.That(Read(hashSet, typeof(ISet<string>)), Is.TypeOf<HashSet<string>>().And.EquivalentTo(new[] { "a", "b" }));
        Assert.That(Read(hashSet, typeof(List<string>)), Is.TypeOf<List<string>>().And.EqualTo(new[] { "a", "b" }));
        Assert.That(Read("7a01620161", typeof(SortedSet<string>)), Is.TypeOf<SortedSet<string>>().And.EqualTo(new[] { "a", "b" }));
        Assert.That(Read("7a01610162", typeof(LinkedList<string>)), Is.TypeOf<LinkedList<string>>().And.EqualTo(new[] { "a", "b" }));
        Assert.That(Read("4d11" + HexOf("java.util.TreeMap") + "0142920161915a", typeof(SortedDictionary<string, int>)),
            Is.TypeOf<SortedDictionary<string, int>>().And.EqualTo(new SortedDictionary<string, int> { ["B"] = 2, ["a"] = 1 }));
    }

    [Test]
    public void Convert_SortedSetOfStrings_OrdersByCodeUnitAsJavasTreeSet()
    {
        // Java's TreeSet orders "B" (0x42) before "a" (0x61); a culture-aware comparer would not.
        var set = (SortedSet<string>)Read("7b0161014201c3a9", typeof(SortedSet<string>))!;
        Assert.That(set, Is.EqualTo(new[] { "B", "a", "é" }));
    }

    [Test]
    public void Write_RepeatedEnumConstant_IsAReferenceAsJavaWritesIt()
    {
        // Java: new Color[] { GREEN, GREEN }: the list is value 0, GREEN value 1, then "Q 1".
        var hex = Hex(new[] { InteropColor.GREEN, InteropColor.GREEN });
        Assert.That(hex, Is.EqualTo("720e" + HexOf("[interop.Color") + "430d" + HexOf("interop.Color") + "9104" + HexOf("name") + "6005" + HexOf("GREEN") + "5191"));
    }

    [Test]
    public void Write_EqualDecimals_AreOneBigDecimalAndAReference() =>
        Assert.That(Hex(new object[] { 1.5m, 1.5m }), Is.EqualTo("7207" + HexOf("[object") + "4314" + HexOf("java.math.BigDecimal") + "9105" + HexOf("value") + "6003" + HexOf("1.5") + "5191"));

    [Test]
    public void WriteRequest_RepeatedParameterType_IsAReferenceToTheFirstClass()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Serializer.WriteRequest(Hessian2InteropTests.Request(), buffer);
        var hex = Convert.ToHexString(buffer.WrittenSpan).ToLowerInvariant();

        // parameterTypes String, int, String: the request is value 0, the Class[] 1, String 2, int 3, then "Q 2".
        var classes = "7310" + HexOf("[java.lang.Class") + "430f" + HexOf("java.lang.Class") + "9104" + HexOf("name")
            + "6110" + HexOf("java.lang.String") + "6103" + HexOf("int") + "5192";
        Assert.That(hex, Does.Contain(classes));
        Assert.That(Serializer.ReadRequest(new ReadOnlySequence<byte>(buffer.WrittenMemory)).ParameterTypes, Is.EqualTo(new[] { "java.lang.String", "int", "java.lang.String" }));
    }

    /// <summary>
    /// Java's <c>writeBytes</c> through its 8,192-byte buffer: a binary that does not fit the
    /// space left becomes a non-final chunk filling it, then the rest (Java's bytes, measured).
    /// </summary>
    [TestCase(8189, "421ffd", -1, null)]
    [TestCase(8190, "411ffd", 3 + 8189, "21")]
    [TestCase(8193, "411ffd", 3 + 8189, "24")]
    [TestCase(20000, "411ffd", 3 + 8189, "411ffd")]
    public void WriteBinary_AtTheStartOfTheStream_ChunksWhereJavasBufferEnds(int length, string first, int secondAt, string? second)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new Hessian2Writer(buffer).WriteBinary(new byte[length]);
        var bytes = buffer.WrittenSpan.ToArray();
        Assert.That(Convert.ToHexString(bytes[..3]).ToLowerInvariant(), Is.EqualTo(first));
        if (second is not null)
        {
            Assert.That(Convert.ToHexString(bytes.AsSpan(secondAt, second.Length / 2)).ToLowerInvariant(), Is.EqualTo(second));
        }
    }

    [Test]
    public void WriteBinary_AfterOtherValues_FirstChunkFillsTheRestOfJavasBuffer()
    {
        // A 5000-character string takes 3 + 5000 bytes; Java's next binary chunk is 8192 - 5003 - 3 = 3186 bytes.
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new Hessian2Writer(buffer);
        writer.WriteString(new string('s', 5000));
        writer.WriteBinary(new byte[9000]);
        Assert.That(Convert.ToHexString(buffer.WrittenSpan.Slice(5003, 3)).ToLowerInvariant(), Is.EqualTo("410c72"));
    }

    [Test]
    public void Convert_JavaDateAfterYear9999_FailsNamingTheFieldAndTheRange()
    {
        // interop.Event { name = "e", when = new Date(253402300800000L) }: 4a + the long millis.
        var hex = "430d" + HexOf("interop.Event") + "9204" + HexOf("name") + "04" + HexOf("when") + "60" + "0165" + "4a0000e677d21fdc00";
        var e = Assert.Throws<RpcException>(() => Read(hex, typeof(InteropEvent)))!;
        Assert.That(e.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(e.Message, Does.Contain("field When of " + typeof(InteropEvent)).And.Contain("253402300800000 ms").And.Contain("after the year 9999")
            .And.Contain("0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z"));
    }

    [Test]
    public void Convert_JavaMinuteDateBeforeYear1_FailsWithTheRangeNotAnArgumentException()
    {
        // 4b + int minutes: int.MinValue minutes is about year -2113.
        var e = Assert.Throws<RpcException>(() => Read("4b80000000", typeof(DateTime)))!;
        Assert.That(e.StatusCode, Is.EqualTo(RpcStatusCode.Serialization));
        Assert.That(e.Message, Does.Contain("before the year 1"));
    }

    [Test]
    public void Convert_JavaDateAtDateTimeMaxValue_Reads() =>
        Assert.That(Read("4a0000e677d21fdbff", typeof(DateTime)), Is.EqualTo(DateTime.UnixEpoch.AddMilliseconds(253402300799999L)));

    [Test]
    public void ReadResponse_DateOutsideDateTimeInAnUnreadField_IsNoError()
    {
        // The date is kept as read; only converting it fails, so an ignored field does not.
        var hex = "430d" + HexOf("interop.Event") + "9204" + HexOf("name") + "04" + HexOf("when") + "60" + "0165" + "4a0000e677d21fdc00";
        var reader = new Hessian2Reader(Convert.FromHexString(hex), Hessian2Limits.Default);
        Assert.That(reader.ReadValue(), Is.InstanceOf<HessianObject>());
    }

    [Test]
    public void RoundTrip_RequestWithSetAndByteArguments_KeepsEveryValue()
    {
        var request = new RpcRequest
        {
            ClassName = "S",
            MethodName = "m",
            ParameterTypes = ["java.util.Set", "short", "byte"],
            Parameters = [new HashSet<string> { "x" }, (byte)255, (sbyte)-128],
            ParameterClrTypes = [typeof(HashSet<string>), typeof(byte), typeof(sbyte)],
        };
        var buffer = new ArrayBufferWriter<byte>();
        Serializer.WriteRequest(request, buffer);
        var read = Serializer.ReadRequest(new ReadOnlySequence<byte>(buffer.WrittenMemory)).ReadParameters([typeof(HashSet<string>), typeof(byte), typeof(sbyte)]);
        Assert.That(read[0], Is.TypeOf<HashSet<string>>().And.EquivalentTo(new[] { "x" }));
        Assert.That(read[1], Is.EqualTo((byte)255));
        Assert.That(read[2], Is.EqualTo((sbyte)-128));
    }
}
