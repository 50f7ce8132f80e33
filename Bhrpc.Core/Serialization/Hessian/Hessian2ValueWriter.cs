using System.Collections;
using System.Globalization;

namespace Bhrpc.Serialization.Hessian;

/// <summary>
/// Writes .NET values as Java's Hessian 4.0.38 writes their Java counterparts: numbers,
/// strings, dates and binaries (<see cref="byte"/>[] and <see cref="sbyte"/>[], Java's
/// <c>byte[]</c>) as Hessian primitives; arrays as typed lists (<c>[int</c>, <c>[string</c>,
/// <c>[object</c>, ...); sets, sorted sets and linked lists as lists typed
/// <c>java.util.HashSet</c>, <c>java.util.TreeSet</c> and <c>java.util.LinkedList</c>, other
/// collections as untyped lists (Java's <c>ArrayList</c>); sorted dictionaries as maps typed
/// <c>java.util.TreeMap</c>, <see cref="OrderedDictionary{TKey,TValue}"/> as
/// <c>java.util.LinkedHashMap</c>, other dictionaries as untyped <c>H</c> maps (Java's
/// <c>HashMap</c>); enums as objects with a <c>name</c> field; <see cref="decimal"/> as a
/// <c>java.math.BigDecimal</c> object with a <c>value</c> field; classes and records as objects
/// (see <see cref="Hessian2ClassInfo"/>). In an <see cref="object"/> slot an <see cref="sbyte"/>,
/// a <see cref="byte"/>, a <see cref="short"/> and a <see cref="float"/> become Java's
/// <c>ByteHandle</c>, <c>ShortHandle</c> (a .NET byte is a Java <c>Short</c>: Java's byte is
/// signed), <c>ShortHandle</c> and <c>FloatHandle</c>. Shared and cyclic lists, maps and objects
/// use references, and so do repeated enum constants and equal decimals, which Java writes as
/// one shared instance.
/// </summary>
internal sealed class Hessian2ValueWriter(Hessian2Writer writer, int maxDepth)
{
    private int _depth;

    /// <summary>
    /// Writes <paramref name="value"/>; <paramref name="declared"/> is its static type (null or
    /// object for an untyped slot). With <paramref name="boxed"/> the slot is Java's <c>Object</c>
    /// (an argument, a result) even though a declared type is known: numbers go out boxed, and the
    /// declared type only decides which Java collection a collection becomes.
    /// </summary>
    public void Write(object? value, Type? declared, bool boxed = false)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        var type = value.GetType();

        // A primitive field or array element is written as Java writes primitives; in an
        // object slot, Java's boxed Byte/Short/Float go out as handle objects.
        var primitiveSlot = !boxed && (declared == type || (declared is not null && Nullable.GetUnderlyingType(declared) == type));
        switch (value)
        {
            case string s:
                writer.WriteString(s);
                return;
            case bool b:
                writer.WriteBoolean(b);
                return;
            case int i:
                writer.WriteInt(i);
                return;
            case long l:
                writer.WriteLong(l);
                return;
            case double d:
                writer.WriteDouble(d);
                return;
            case byte b8:
                // Java's byte is signed: a .NET byte (0..255) is a Java short, so 200 stays 200.
                WriteSmall(b8, primitiveSlot, "com.caucho.hessian.io.ShortHandle");
                return;
            case sbyte s8:
                WriteSmall(s8, primitiveSlot, "com.caucho.hessian.io.ByteHandle");
                return;
            case short s16:
                WriteSmall(s16, primitiveSlot, "com.caucho.hessian.io.ShortHandle");
                return;
            case ushort u16:
                writer.WriteInt(u16);
                return;
            case uint u32:
                writer.WriteLong(u32);
                return;
            case ulong u64:
                writer.WriteLong(u64 <= long.MaxValue ? (long)u64 : throw Hessian2Reader.Error($"{u64} does not fit a Java long"));
                return;
            case float f:
                if (primitiveSlot)
                {
                    writer.WriteDouble(f);
                }
                else
                {
                    writer.AddUnsharedRef();
                    writer.WriteObjectStart("com.caucho.hessian.io.FloatHandle", ["_value"]);
                    writer.WriteDouble(f);
                }

                return;
            case char c:
                writer.WriteString(c.ToString());
                return;
            case decimal m:
                // Equal decimals (same digits and scale) are indistinguishable, like one immutable
                // BigDecimal instance that Java writes once and then references.
                var text = m.ToString(CultureInfo.InvariantCulture);
                if (!writer.TryWriteValueRef(typeof(decimal), text))
                {
                    writer.WriteObjectStart("java.math.BigDecimal", ["value"]);
                    writer.WriteString(text);
                }

                return;
            case DateTime dt:
                writer.WriteDate(ToUnixMillis(dt));
                return;
            case DateTimeOffset dto:
                writer.WriteDate(dto.ToUnixTimeMilliseconds());
                return;
            case byte[] bytes:
                writer.WriteBinary(bytes);
                return;
            case sbyte[] signed:
                writer.WriteBinary(System.Runtime.InteropServices.MemoryMarshal.AsBytes(signed.AsSpan()));
                return;
            case char[] chars:
                writer.WriteString(new string(chars));
                return;
            case Guid g:
                writer.WriteString(g.ToString());
                return;
            case Enum e:
                WriteEnum(e, type);
                return;
        }

        if (writer.TryWriteRef(value))
        {
            return;
        }

        Enter();
        switch (value)
        {
            case Array array:
                WriteArray(array, type.GetElementType()!);
                break;
            case IDictionary map:
                writer.WriteMapStart(Hessian2Collections.JavaMapType(type));
                foreach (DictionaryEntry entry in map)
                {
                    Write(entry.Key, null);
                    Write(entry.Value, null);
                }

                writer.WriteEnd();
                break;
            case ICollection collection:
                writer.WriteListStart(collection.Count, Hessian2Collections.JavaListType(type, declared));
                foreach (var item in collection)
                {
                    Write(item, null);
                }

                break;
            case IEnumerable sequence:
                var items = sequence.Cast<object?>().ToList();
                writer.WriteListStart(items.Count, Hessian2Collections.JavaListType(type, declared));
                foreach (var item in items)
                {
                    Write(item, null);
                }

                break;
            default:
                WriteClass(value, type);
                break;
        }

        _depth--;
    }

    private void WriteSmall(int value, bool primitiveSlot, string handleClass)
    {
        if (primitiveSlot)
        {
            writer.WriteInt(value);
            return;
        }

        writer.AddUnsharedRef();
        writer.WriteObjectStart(handleClass, ["_value"]);
        writer.WriteInt(value);
    }

    private void WriteEnum(Enum value, Type type)
    {
        var name = Enum.GetName(type, value)
            ?? throw Hessian2Reader.Error($"{type} value {value} has no name, and Java enums are written by name");

        // A Java enum constant is a single instance: its second appearance is a reference.
        if (!writer.TryWriteValueRef(type, name))
        {
            writer.WriteObjectStart(Hessian2ClassInfo.JavaClassName(type), ["name"]);
            writer.WriteString(name);
        }
    }

    private void WriteArray(Array array, Type elementType)
    {
        writer.WriteListStart(array.Length, "[" + JavaArrayComponent(elementType));
        foreach (var item in array)
        {
            Write(item, elementType);
        }
    }

    private void WriteClass(object value, Type type)
    {
        var info = Hessian2ClassInfo.Get(type);
        writer.WriteObjectStart(info.ClassName, info.FieldNames);
        foreach (var property in info.Properties)
        {
            Write(property.GetValue(value), property.PropertyType);
        }
    }

    private void Enter()
    {
        if (++_depth > maxDepth)
        {
            throw Hessian2Reader.Error($"values nest deeper than {maxDepth} (Hessian2SerializerOptions.MaxDepth)");
        }
    }

    /// <summary>Java's array type names as Hessian writes them: <c>int</c>, <c>string</c>, <c>object</c>, <c>[int</c>, a class name.</summary>
    private static string JavaArrayComponent(Type type)
    {
        if (type.IsArray)
        {
            return type == typeof(byte[]) || type == typeof(sbyte[]) ? "[byte" : "[" + JavaArrayComponent(type.GetElementType()!);
        }

        if (type.IsEnum)
        {
            // Java names an enum array by its class, as it does any other object array.
            return Hessian2ClassInfo.JavaClassName(type);
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "boolean",
            TypeCode.SByte => "byte",
            TypeCode.Byte or TypeCode.Int16 => "short",
            TypeCode.Int32 or TypeCode.UInt16 => "int",
            TypeCode.Int64 or TypeCode.UInt32 or TypeCode.UInt64 => "long",
            TypeCode.Single => "float",
            TypeCode.Double => "double",
            TypeCode.Char => "char",
            TypeCode.String => "string",
            TypeCode.DateTime => "date",
            TypeCode.Decimal => "java.math.BigDecimal",
            _ when Nullable.GetUnderlyingType(type) == typeof(int) => "java.lang.Integer",
            _ when Nullable.GetUnderlyingType(type) == typeof(long) => "java.lang.Long",
            _ when Nullable.GetUnderlyingType(type) == typeof(bool) => "java.lang.Boolean",
            _ when Nullable.GetUnderlyingType(type) == typeof(double) => "java.lang.Double",
            _ when type.IsDefined(typeof(Metadata.PortableNameAttribute), false) => Hessian2ClassInfo.JavaClassName(type),
            _ => "object",
        };
    }

    /// <summary>UTC milliseconds; a <see cref="DateTimeKind.Unspecified"/> time is taken as UTC.</summary>
    internal static long ToUnixMillis(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
    }
}
