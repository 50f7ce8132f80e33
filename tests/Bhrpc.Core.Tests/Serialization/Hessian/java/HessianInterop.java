import com.caucho.hessian.io.*;
import interop.ByteFields;
import interop.Color;
import interop.Event;
import interop.Person;
import interop.SetService;
import io.binghe.rpc.protocol.request.RpcRequest;
import io.binghe.rpc.protocol.response.RpcResponse;
import java.io.*;
import java.math.BigDecimal;
import java.nio.file.*;
import java.util.*;

/**
 * Interop driver for bhrpc.NET's hessian2 tests, run against Caucho Hessian 4.0.38.
 * "write DIR": writes every case to DIR/NAME.bin as Java writes it.
 * "read DIR": reads every DIR/NAME.bin written by .NET and prints "OK NAME" or "FAIL NAME: why",
 * and "STOCK NAME: value" for the decimal cases read by a stock Hessian2Input (no BigDecimalDeserializer).
 * The case list must match HessianInteropCases.cs; cases named java_only_* are written by Java only.
 */
public class HessianInterop {
    static String repeat(char c, int n) { char[] a = new char[n]; Arrays.fill(a, c); return new String(a); }

    static byte[] bytes(int n) { byte[] b = new byte[n]; for (int i = 0; i < n; i++) b[i] = (byte) (i * 31); return b; }

    static Map<String, Object> cases() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int v : new int[] { -16, 47, 48, -17, -2048, 2047, 2048, -2049, -262144, 262143, 262144, -262145, Integer.MIN_VALUE, Integer.MAX_VALUE, 0 })
            m.put("int_" + v, v);
        for (long v : new long[] { -8, 15, 16, -9, -2048, 2047, 2048, -2049, -262144, 262143, 262144, -262145, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L, Long.MIN_VALUE, Long.MAX_VALUE, 0 })
            m.put("long_" + v, v);
        m.put("double_nan", Double.NaN);
        m.put("double_zero", 0.0);
        m.put("double_negzero", -0.0);
        m.put("double_one", 1.0);
        m.put("double_byte", -128.0);
        m.put("double_byte2", 127.0);
        m.put("double_short", 32767.0);
        m.put("double_short2", -32768.0);
        m.put("double_mill", 12.25);
        m.put("double_mill2", -0.001);
        m.put("double_full", 3.141592653589793);
        m.put("double_big", 1e300);
        m.put("double_int", 40000.0);
        m.put("double_inf", Double.NEGATIVE_INFINITY);
        m.put("true", true);
        m.put("false", false);
        m.put("null", null);
        for (int n : new int[] { 0, 31, 32, 1023, 1024, 32768, 32769, 70000 })
            m.put("string_" + n, repeat('s', n));
        m.put("string_cjk", "中文字符串，汉字");
        m.put("string_emoji", "a\uD83D\uDE00b\uD83C\uDF89");
        m.put("string_emoji_chunk", repeat('a', 32767) + "\uD83D\uDE00xyz");
        m.put("string_mixed", repeat('é', 40000) + "z");
        for (int n : new int[] { 0, 15, 16, 1023, 1024, 65535, 65536, 70000 })
            m.put("binary_" + n, bytes(n));
        m.put("date_millis", new Date(1700000000123L));
        m.put("date_minutes", new Date(1700000040000L));
        m.put("person", new Person("alice", 30, new Person("bob", 25, null)));
        Person self = new Person("self", 1, null);
        self.friend = self;
        m.put("cyclic", self);
        Person shared = new Person("shared", 2, null);
        m.put("shared", new ArrayList<Object>(Arrays.asList(shared, shared)));
        Map<Integer, String> intMap = new HashMap<>();
        intMap.put(1, "one");
        intMap.put(2, "two");
        m.put("int_map", intMap);
        Map<String, Object> strMap = new HashMap<>();
        strMap.put("a", 1);
        strMap.put("b", "x");
        m.put("string_map", strMap);
        m.put("int_array", new int[] { 1, 2, 3, -5, 100000 });
        m.put("string_array", new String[] { "a", "b", null });
        m.put("list", new ArrayList<Object>(Arrays.asList("x", 1, 2L, true, null)));
        m.put("color", Color.GREEN);
        m.put("decimal", new BigDecimal("12345.678901"));
        m.put("short", (short) -3);
        m.put("byte", (byte) 5);
        m.put("byte_negative", (byte) -7);
        m.put("byte_min", (byte) -128);
        m.put("unsigned_byte", (short) 200);
        m.put("float", 1.5f);
        m.put("hash_set", new HashSet<>(Arrays.asList("a", "b", "c")));
        m.put("hash_set_long", new HashSet<>(Arrays.asList(1, 2, 3, 4, 5, 6, 7, 8, 9)));
        m.put("tree_set", new TreeSet<>(Arrays.asList("c", "a", "b")));
        m.put("linked_list", new LinkedList<>(Arrays.asList("x", "y")));
        TreeMap<String, Integer> treeMap = new TreeMap<>();
        treeMap.put("b", 2);
        treeMap.put("a", 1);
        m.put("tree_map", treeMap);
        LinkedHashMap<String, Integer> linkedMap = new LinkedHashMap<>();
        linkedMap.put("z", 26);
        linkedMap.put("a", 1);
        m.put("linked_hash_map", linkedMap);
        m.put("two_sets", new Object[] { new HashSet<>(Arrays.asList("a")), new HashSet<>(Arrays.asList("b")) });
        m.put("enum_repeat", new Color[] { Color.GREEN, Color.GREEN, Color.RED, Color.GREEN });
        BigDecimal price = new BigDecimal("1.50");
        m.put("decimal_repeat", new BigDecimal[] { price, price, new BigDecimal("2") });
        m.put("signed_bytes", new byte[] { -7, 0, 127, -128 });
        for (int n : new int[] { 8000, 8173, 8189, 8190, 8192, 8193, 20000 })
            m.put("binary_" + n, bytes(n));
        // Binaries that start deep into Java's 8 KiB buffer: their chunks end where the buffer does.
        m.put("binaries_after_string", new Object[] { repeat('s', 5000), bytes(9000), bytes(100), bytes(8180) });
        m.put("binaries_after_wide_string", new Object[] { repeat('\u00e9', 4090), bytes(8185), repeat('\u4e2d', 2725), bytes(3) , bytes(8200) });
        m.put("binaries_in_a_row", new Object[] { bytes(8170), bytes(8170), bytes(30), bytes(16000), bytes(1), bytes(8188) });
        m.put("java_only_event_year_10000", new Event("launch", new Date(253402300800000L)));
        m.put("java_only_event_year_0", new Event("past", new Date(-62135596800001L)));
        RpcRequest req = new RpcRequest();
        req.setClassName("com.example.DemoService");
        req.setMethodName("hello");
        req.setParameterTypes(new Class<?>[] { String.class, int.class, String.class });
        req.setParameters(new Object[] { "binghe", 42, "again" });
        req.setVersion("1.0.0");
        req.setGroup("g");
        req.setAsync(true);
        m.put("rpc_request", req);
        RpcRequest setReq = new RpcRequest();
        setReq.setClassName("interop.SetService");
        setReq.setMethodName("take");
        setReq.setParameterTypes(new Class<?>[] { Set.class });
        setReq.setParameters(new Object[] { new HashSet<>(Arrays.asList("a", "b")) });
        setReq.setVersion("1.0.0");
        setReq.setGroup("");
        m.put("rpc_request_set", setReq);
        RpcRequest binReq = new RpcRequest();
        binReq.setClassName("com.example.Files");
        binReq.setMethodName("store");
        binReq.setParameterTypes(new Class<?>[] { String.class, byte[].class, String.class, byte[].class });
        binReq.setParameters(new Object[] { "a.bin", bytes(10000), "b.bin", bytes(70000) });
        binReq.setVersion("1.0.0");
        binReq.setGroup("");
        m.put("rpc_request_binary", binReq);
        RpcResponse res = new RpcResponse();
        res.setResult("hello binghe");
        res.setAsync(true);
        m.put("rpc_response", res);
        RpcResponse err = new RpcResponse();
        err.setError("java.lang.RuntimeException: boom");
        m.put("rpc_response_error", err);
        return m;
    }

    static SerializerFactory factory() {
        SerializerFactory f = new SerializerFactory();
        f.addFactory(new AbstractSerializerFactory() {
            public Serializer getSerializer(Class cl) { return cl == BigDecimal.class ? new StringValueSerializer() : null; }
            public Deserializer getDeserializer(Class cl) { return cl == BigDecimal.class ? new BigDecimalDeserializer() : null; }
        });
        return f;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[1]);
        Map<String, Object> cases = cases();
        SerializerFactory factory = factory();
        if (args[0].equals("write")) {
            for (Map.Entry<String, Object> e : cases.entrySet()) {
                ByteArrayOutputStream bos = new ByteArrayOutputStream();
                Hessian2Output out = new Hessian2Output(bos);
                out.setSerializerFactory(factory);
                boolean rpc = e.getKey().startsWith("rpc_");
                if (rpc) out.startMessage();
                out.writeObject(e.getValue());
                // Java bhrpc takes the bytes before the final 'z' arrives; one case keeps it, which readers accept too.
                if (e.getKey().equals("rpc_response_error")) out.completeMessage();
                out.flush();
                Files.write(dir.resolve(e.getKey() + ".bin"), bos.toByteArray());
            }
            System.out.println("WROTE " + cases.size());
            return;
        }

        try {
            // A stock Hessian2Output (no StringValueSerializer registered) writing a BigDecimal.
            Hessian2Output out = new Hessian2Output(new ByteArrayOutputStream());
            out.writeObject(new BigDecimal("1.5"));
            out.flush();
            System.out.println("STOCKWRITE decimal: written");
        } catch (Throwable t) {
            System.out.println("STOCKWRITE decimal: " + t.getClass().getName());
        }

        Path fields = dir.resolve("dotnet_only_byte_fields.bin");
        if (Files.exists(fields)) {
            Hessian2Input in = new Hessian2Input(new ByteArrayInputStream(Files.readAllBytes(fields)));
            in.setSerializerFactory(factory);
            ByteFields b = (ByteFields) in.readObject();
            System.out.println("FIELDS dotnet_only_byte_fields: small=" + b.small + " wide=" + b.wide);
        }

        // Bodies .NET wrote with attachments: read into RpcRequest/RpcResponse, which (as Java bhrpc's) have no such field.
        for (String name : new String[] { "rpc_request", "rpc_response" }) {
            Path file = dir.resolve("attach_" + name + ".bin");
            if (!Files.exists(file)) continue;
            try {
                Hessian2Input in = new Hessian2Input(new ByteArrayInputStream(Files.readAllBytes(file)));
                in.setSerializerFactory(factory);
                in.startMessage();
                String why = compare(name, cases.get(name), in.readObject());
                System.out.println(why == null ? "OK attach_" + name : "FAIL attach_" + name + ": " + why);
            } catch (Throwable t) {
                System.out.println("FAIL attach_" + name + ": " + t);
            }
        }

        for (Map.Entry<String, Object> e : cases.entrySet()) {
            Path file = dir.resolve(e.getKey() + ".bin");
            if (!Files.exists(file)) continue;
            try {
                Hessian2Input in = new Hessian2Input(new ByteArrayInputStream(Files.readAllBytes(file)));
                in.setSerializerFactory(factory);
                boolean rpc = e.getKey().startsWith("rpc_");
                if (rpc) in.startMessage();
                Object actual = in.readObject();
                String why = compare(e.getKey(), e.getValue(), actual);
                System.out.println(why == null ? "OK " + e.getKey() : "FAIL " + e.getKey() + ": " + why);
                if (e.getKey().startsWith("decimal")) {
                    // What a Hessian2Input without BigDecimalDeserializer makes of the same bytes.
                    Object stock = new Hessian2Input(new ByteArrayInputStream(Files.readAllBytes(file))).readObject();
                    System.out.println("STOCK " + e.getKey() + ": " + describe(stock));
                }
            } catch (Throwable t) {
                System.out.println("FAIL " + e.getKey() + ": " + t);
            }
        }
    }

    static String compare(String name, Object expected, Object actual) throws Exception {
        if (name.equals("cyclic")) {
            Person p = (Person) actual;
            return p.friend == p && "self".equals(p.name) && p.age == 1 ? null : "not a self-cycle: " + p.name;
        }
        if (name.equals("shared")) {
            List<?> l = (List<?>) actual;
            return l.size() == 2 && l.get(0) == l.get(1) && expected.equals(l) ? null : "not one shared instance: " + l;
        }
        if (name.equals("rpc_request_set")) {
            // As Java bhrpc's provider does: the method by name and parameter classes, invoked by reflection.
            RpcRequest b = (RpcRequest) actual;
            Object result = SetService.class.getMethod(b.getMethodName(), b.getParameterTypes()).invoke(new SetService(), b.getParameters());
            return "java.util.HashSet2".equals(result) ? null : "take(Set) returned " + result;
        }
        if (expected instanceof Collection || expected instanceof Map) {
            if (actual == null || actual.getClass() != expected.getClass()) return "expected a " + expected.getClass().getName() + " got " + describe(actual);
        }
        if (expected instanceof Object[] && actual instanceof Object[]) {
            Object[] a = (Object[]) expected, b = (Object[]) actual;
            for (int i = 0; i < a.length && i < b.length; i++)
                if (a[i] != null && b[i] != null && a[i].getClass() != b[i].getClass()) return "element " + i + ": expected a " + a[i].getClass().getName() + " got " + describe(b[i]);
            if (name.equals("decimal_repeat") && b.length == 3 && b[0] != b[1]) return "the repeated BigDecimal is not one instance";
        }
        if (expected instanceof RpcRequest) {
            RpcRequest a = (RpcRequest) expected, b = (RpcRequest) actual;
            boolean same = a.getClassName().equals(b.getClassName()) && a.getMethodName().equals(b.getMethodName())
                && Arrays.equals(a.getParameterTypes(), b.getParameterTypes()) && Arrays.deepEquals(a.getParameters(), b.getParameters())
                && a.getVersion().equals(b.getVersion()) && a.getGroup().equals(b.getGroup())
                && a.getAsync() == b.getAsync() && a.getOneway() == b.getOneway();
            return same ? null : "request differs: " + Arrays.toString(b.getParameterTypes()) + " " + Arrays.deepToString(b.getParameters());
        }
        if (expected instanceof RpcResponse) {
            RpcResponse a = (RpcResponse) expected, b = (RpcResponse) actual;
            return Objects.equals(a.getError(), b.getError()) && Objects.equals(a.getResult(), b.getResult())
                && a.getAsync() == b.getAsync() && a.getOneway() == b.getOneway() ? null : "response differs: " + b.getError() + " " + b.getResult();
        }
        if (expected != null && actual != null && !expected.getClass().isArray() && expected.getClass() != actual.getClass())
            return "expected a " + expected.getClass().getName() + " got " + describe(actual);
        if (expected instanceof Double && actual instanceof Double && ((Double) expected) == 0.0 && ((Double) actual) == 0.0) return null;
        if (Objects.deepEquals(expected, actual)) return null;
        return "expected " + describe(expected) + " got " + describe(actual);
    }

    static String describe(Object o) {
        if (o == null) return "null";
        String s = o.getClass().isArray() ? Arrays.deepToString(new Object[] { o }) : String.valueOf(o);
        return o.getClass().getName() + ":" + (s.length() > 80 ? s.substring(0, 80) + "...(" + s.length() + ")" : s);
    }
}
