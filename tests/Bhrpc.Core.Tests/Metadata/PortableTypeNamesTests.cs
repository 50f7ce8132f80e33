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
        yield return new TestCaseData(typeof(byte), "byte");
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
    }

    [TestCaseSource(nameof(Cases))]
    public void Of_UsesJavaSpellingForSharedTypes(Type type, string expected) => Assert.That(PortableTypeNames.Of(type), Is.EqualTo(expected));
}
