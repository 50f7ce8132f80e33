import com.caucho.hessian.io.*;
import interop.Color;
import interop.Person;
import io.binghe.rpc.protocol.request.RpcRequest;
import io.binghe.rpc.protocol.response.RpcResponse;
import java.io.*;
import java.math.BigDecimal;
import java.nio.file.*;
import java.util.*;

/**
 * Interop driver for bhrpc.NET's hessian2 tests, run against Caucho Hessian 4.0.38.
 * "write DIR": writes every case to DIR/NAME.bin as Java writes it.
 * "read DIR": reads every DIR/NAME.bin written by .NET and prints "OK NAME" or "FAIL NAME: why".
 * The case list must match HessianInteropCases.cs.
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
        m.put("float", 1.5f);
        RpcRequest req = new RpcRequest();
        req.setClassName("com.example.DemoService");
        req.setMethodName("hello");
        req.setParameterTypes(new Class<?>[] { String.class, int.class, String.class });
        req.setParameters(new Object[] { "binghe", 42, "again" });
        req.setVersion("1.0.0");
        req.setGroup("g");
        req.setAsync(true);
        m.put("rpc_request", req);
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
            } catch (Throwable t) {
                System.out.println("FAIL " + e.getKey() + ": " + t);
            }
        }
    }

    static String compare(String name, Object expected, Object actual) {
        if (name.equals("cyclic")) {
            Person p = (Person) actual;
            return p.friend == p && "self".equals(p.name) && p.age == 1 ? null : "not a self-cycle: " + p.name;
        }
        if (name.equals("shared")) {
            List<?> l = (List<?>) actual;
            return l.size() == 2 && l.get(0) == l.get(1) && expected.equals(l) ? null : "not one shared instance: " + l;
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
