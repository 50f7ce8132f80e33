using Bhrpc.Metadata;

namespace Bhrpc.Tests.Metadata;

public sealed class PortableTypeNamesTests
{
    [PortableName("com.example.Order")]
    private sealed class Order;

    private sealed class Plain;

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(typeof(int), "int");
        yield return new TestCaseData(typeof(long), "long");
        yield return new TestCaseData(typeof(short), "short");
        yield return new TestCaseData(typeof(sbyte), "byte");
        yield return new TestCaseData(typeof(bool), "boolean");
        yield return new TestCaseData(typeof(double), "double");
        yield return new TestCaseData(typeof(float), "float");
        yield return new TestCaseData(typeof(char), "char");
        yield return new TestCaseData(typeof(string), "java.lang.String");
        yield return new TestCaseData(typeof(int?), "java.lang.Integer");
        yield return new TestCaseData(typeof(bool?), "java.lang.Boolean");
        yield return new TestCaseData(typeof(byte[]), "[B");
        yield return new TestCaseData(typeof(int[]), "[I");
        yield return new TestCaseData(typeof(long[]), "[J");
        yield return new TestCaseData(typeof(string[]), "[Ljava.lang.String;");
        yield return new TestCaseData(typeof(string[][]), "[[Ljava.lang.String;");
        yield return new TestCaseData(typeof(int[][]), "[[I");
        yield return new TestCaseData(typeof(List<string>), "java.util.List");
        yield return new TestCaseData(typeof(IReadOnlyList<int>), "java.util.List");
        yield return new TestCaseData(typeof(Dictionary<string, int>), "java.util.Map");
        yield return new TestCaseData(typeof(DateTime), "java.util.Date");
        yield return new TestCaseData(typeof(decimal), "java.math.BigDecimal");
        yield return new TestCaseData(typeof(Order), "com.example.Order");
        yield return new TestCaseData(typeof(Order[]), "[Lcom.example.Order;");
        yield return new TestCaseData(typeof(Plain), typeof(Plain).FullName);
        yield return new TestCaseData(typeof(DateTimeOffset), "System.DateTimeOffset");
        yield return new TestCaseData(typeof(HashSet<string>), "java.util.Set");
        yield return new TestCaseData(typeof(ISet<int>), "java.util.Set");
        yield return new TestCaseData(typeof(SortedSet<string>), "java.util.SortedSet");
        yield return new TestCaseData(typeof(LinkedList<string>), "java.util.LinkedList");
        yield return new TestCaseData(typeof(SortedDictionary<string, int>), "java.util.SortedMap");
        yield return new TestCaseData(typeof(SortedList<string, int>), "java.util.SortedMap");
        yield return new TestCaseData(typeof(OrderedDictionary<string, int>), "java.util.LinkedHashMap");
    }

    /// <summary>
    /// Java's byte is signed (-128..127): sbyte is Java's byte, and a .NET byte (0..255) is a
    /// Java short, so that no value changes on the way. byte[] and sbyte[] are both Java's byte[].
    /// </summary>
    [TestCase(typeof(sbyte), "byte")]
    [TestCase(typeof(sbyte?), "java.lang.Byte")]
    [TestCase(typeof(byte), "short")]
    [TestCase(typeof(byte?), "java.lang.Short")]
    [TestCase(typeof(byte[]), "[B")]
    [TestCase(typeof(sbyte[]), "[B")]
    [TestCase(typeof(sbyte[][]), "[[B")]
    public void Of_Bytes_FollowJavasSignedByte(Type type, string expected) => Assert.That(PortableTypeNames.Of(type), Is.EqualTo(expected));

    [TestCaseSource(nameof(Cases))]
    public void Of_UsesJavaSpellingForSharedTypes(Type type, string expected) => Assert.That(PortableTypeNames.Of(type), Is.EqualTo(expected));
}
