namespace Bhrpc.Tests.Serialization.Hessian;

/// <summary>
/// The value cases shared with java/HessianInterop.java (same names, equal values): each is a
/// .NET value and the type it is declared as. The rpc_* cases are bodies, checked separately.
/// </summary>
internal static class HessianInteropCases
{
    public static IReadOnlyList<(string Name, object? Value, Type Type)> Values { get; } = Build();

    public static string Repeat(char c, int n) => new(c, n);

    public static byte[] Bytes(int n)
    {
        var b = new byte[n];
        for (var i = 0; i < n; i++)
        {
            b[i] = (byte)(i * 31);
        }

        return b;
    }

    public static IEnumerable<TestCaseData> Names() => Values.Select(c => new TestCaseData(c.Name).SetName("{m}(" + c.Name + ")"));

    private static List<(string, object?, Type)> Build()
    {
        var cases = new List<(string, object?, Type)>();
        foreach (var v in new[] { -16, 47, 48, -17, -2048, 2047, 2048, -2049, -262144, 262143, 262144, -262145, int.MinValue, int.MaxValue, 0 })
        {
            cases.Add(("int_" + v, v, typeof(int)));
        }

        foreach (var v in new[] { -8L, 15, 16, -9, -2048, 2047, 2048, -2049, -262144, 262143, 262144, -262145, int.MinValue, int.MaxValue, int.MaxValue + 1L, int.MinValue - 1L, long.MinValue, long.MaxValue, 0 })
        {
            cases.Add(("long_" + v, v, typeof(long)));
        }

        cases.Add(("double_nan", double.NaN, typeof(double)));
        cases.Add(("double_zero", 0.0, typeof(double)));
        cases.Add(("double_negzero", -0.0, typeof(double)));
        cases.Add(("double_one", 1.0, typeof(double)));
        cases.Add(("double_byte", -128.0, typeof(double)));
        cases.Add(("double_byte2", 127.0, typeof(double)));
        cases.Add(("double_short", 32767.0, typeof(double)));
        cases.Add(("double_short2", -32768.0, typeof(double)));
        cases.Add(("double_mill", 12.25, typeof(double)));
        cases.Add(("double_mill2", -0.001, typeof(double)));
        cases.Add(("double_full", Math.PI, typeof(double)));
        cases.Add(("double_big", 1e300, typeof(double)));
        cases.Add(("double_int", 40000.0, typeof(double)));
        cases.Add(("double_inf", double.NegativeInfinity, typeof(double)));
        cases.Add(("true", true, typeof(bool)));
        cases.Add(("false", false, typeof(bool)));
        cases.Add(("null", null, typeof(object)));
        foreach (var n in new[] { 0, 31, 32, 1023, 1024, 32768, 32769, 70000 })
        {
            cases.Add(("string_" + n, Repeat('s', n), typeof(string)));
        }

        cases.Add(("string_cjk", "中文字符串，汉字", typeof(string)));
        cases.Add(("string_emoji", "a\uD83D\uDE00b\uD83C\uDF89", typeof(string)));
        cases.Add(("string_emoji_chunk", Repeat('a', 32767) + "\uD83D\uDE00xyz", typeof(string)));
        cases.Add(("string_mixed", Repeat('é', 40000) + "z", typeof(string)));
        foreach (var n in new[] { 0, 15, 16, 1023, 1024, 65535, 65536, 70000, 8000, 8173, 8189, 8190, 8192, 8193, 20000 })
        {
            cases.Add(("binary_" + n, Bytes(n), typeof(byte[])));
        }

        cases.Add(("date_millis", DateTime.UnixEpoch.AddMilliseconds(1700000000123L), typeof(DateTime)));
        cases.Add(("date_minutes", DateTime.UnixEpoch.AddMilliseconds(1700000040000L), typeof(DateTime)));
        cases.Add(("person", new InteropPerson { Name = "alice", Age = 30, Friend = new InteropPerson { Name = "bob", Age = 25 } }, typeof(InteropPerson)));
        var self = new InteropPerson { Name = "self", Age = 1 };
        self.Friend = self;
        cases.Add(("cyclic", self, typeof(InteropPerson)));
        var shared = new InteropPerson { Name = "shared", Age = 2 };
        cases.Add(("shared", new List<InteropPerson> { shared, shared }, typeof(List<InteropPerson>)));
        cases.Add(("int_map", new Dictionary<int, string> { [1] = "one", [2] = "two" }, typeof(Dictionary<int, string>)));
        cases.Add(("string_map", new Dictionary<string, object> { ["a"] = 1, ["b"] = "x" }, typeof(Dictionary<string, object>)));
        cases.Add(("int_array", new[] { 1, 2, 3, -5, 100000 }, typeof(int[])));
        cases.Add(("string_array", new[] { "a", "b", null }, typeof(string[])));
        cases.Add(("list", new List<object?> { "x", 1, 2L, true, null }, typeof(List<object?>)));
        cases.Add(("color", InteropColor.GREEN, typeof(InteropColor)));
        cases.Add(("decimal", 12345.678901m, typeof(decimal)));
        cases.Add(("short", (short)-3, typeof(short)));
        cases.Add(("byte", (sbyte)5, typeof(sbyte)));
        cases.Add(("byte_negative", (sbyte)-7, typeof(sbyte)));
        cases.Add(("byte_min", sbyte.MinValue, typeof(sbyte)));
        cases.Add(("unsigned_byte", (byte)200, typeof(byte)));
        cases.Add(("float", 1.5f, typeof(float)));
        cases.Add(("hash_set", new HashSet<string> { "a", "b", "c" }, typeof(HashSet<string>)));
        cases.Add(("hash_set_long", new HashSet<int> { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, typeof(HashSet<int>)));
        cases.Add(("tree_set", new SortedSet<string>(StringComparer.Ordinal) { "c", "a", "b" }, typeof(SortedSet<string>)));
        cases.Add(("linked_list", new LinkedList<string>(["x", "y"]), typeof(LinkedList<string>)));
        cases.Add(("tree_map", new SortedDictionary<string, int>(StringComparer.Ordinal) { ["b"] = 2, ["a"] = 1 }, typeof(SortedDictionary<string, int>)));
        cases.Add(("linked_hash_map", new OrderedDictionary<string, int> { ["z"] = 26, ["a"] = 1 }, typeof(OrderedDictionary<string, int>)));
        cases.Add(("two_sets", new[] { new HashSet<string> { "a" }, new HashSet<string> { "b" } }, typeof(HashSet<string>[])));
        cases.Add(("enum_repeat", new[] { InteropColor.GREEN, InteropColor.GREEN, InteropColor.RED, InteropColor.GREEN }, typeof(InteropColor[])));
        cases.Add(("decimal_repeat", new[] { 1.50m, 1.50m, 2m }, typeof(decimal[])));
        cases.Add(("signed_bytes", new sbyte[] { -7, 0, 127, -128 }, typeof(sbyte[])));
        cases.Add(("binaries_after_string", new object[] { Repeat('s', 5000), Bytes(9000), Bytes(100), Bytes(8180) }, typeof(object[])));
        cases.Add(("binaries_after_wide_string", new object[] { Repeat('\u00e9', 4090), Bytes(8185), Repeat('\u4e2d', 2725), Bytes(3), Bytes(8200) }, typeof(object[])));
        cases.Add(("binaries_in_a_row", new object[] { Bytes(8170), Bytes(8170), Bytes(30), Bytes(16000), Bytes(1), Bytes(8188) }, typeof(object[])));
        return cases;
    }
}
