using System.Collections;
using System.Globalization;

namespace Bhrpc.Serialization.Hessian;

/// <summary>
/// Turns values read by <see cref="Hessian2Reader"/> into a declared .NET type. Only the declared
/// type and the types it is made of are constructed; a wire class name never picks a type. In an
/// <see cref="object"/> slot, an object becomes a <see cref="Dictionary{TKey,TValue}"/> of its
/// fields (string keys), a list (a Java set too) a <see cref="List{T}"/> of objects and a map a
/// dictionary with object keys; Java's BigDecimal and its Byte/Short/Float handles become
/// <see cref="decimal"/>/<see cref="sbyte"/>/<see cref="short"/>/<see cref="float"/> (Java's
/// byte is signed). A declared list, set, linked list or dictionary type is built as that type,
/// whichever Java collection the wire names. A number that does not fit the declared type fails,
/// naming the value and the type's range; it is never cut down.
/// A node reached twice (a shared or cyclic reference) converts to one instance per target type.
/// </summary>
internal sealed class Hessian2Converter(int maxDepth)
{
    private readonly Dictionary<object, (Type Type, object Value)> _done = new(ReferenceEqualityComparer.Instance);
    private int _depth;

    /// <summary>The field being converted and its class (a .NET type or a wire class name), for error messages; composed only on failure.</summary>
    private (string Name, object Owner)? _field;

    public object? Convert(object? value, Type target)
    {
        if (++_depth > maxDepth)
        {
            throw Hessian2Reader.Error($"values nest deeper than {maxDepth} (Hessian2SerializerOptions.MaxDepth)");
        }

        try
        {
            return ConvertCore(value, target);
        }
        finally
        {
            _depth--;
        }
    }

    private object? ConvertCore(object? value, Type target)
    {
        var underlying = Nullable.GetUnderlyingType(target);
        if (value is null)
        {
            return target.IsValueType && underlying is null
                ? throw Hessian2Reader.Error($"null cannot be a {target}")
                : null;
        }

        target = underlying ?? target;
        if (value is HessianDateOutOfRange date)
        {
            throw Hessian2Reader.Error(_field is { } field ? $"field {field.Name} of {field.Owner}: {date.Describe()}" : date.Describe());
        }

        if (value is HessianObject or HessianList or HessianMap && _done.TryGetValue(value, out var done) && done.Type == target)
        {
            return done.Value;
        }

        if (target == typeof(object))
        {
            return ToPlain(value);
        }

        if (target == typeof(sbyte[]) && value is byte[] binary)
        {
            // Java's byte[] is signed bytes: the same bits, read as sbyte (the runtime would
            // also let the byte[] itself pass as an sbyte[], which is not an sbyte[] to anyone else).
            return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(binary).ToArray();
        }

        if (target.IsInstanceOfType(value) && value is not (HessianObject or HessianList or HessianMap))
        {
            return value;
        }

        if (target.IsEnum)
        {
            return ToEnum(value, target);
        }

        switch (Type.GetTypeCode(target))
        {
            case TypeCode.Boolean or TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16
                or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double:
                return ToNumber(Unwrap(value), target);
            case TypeCode.Decimal:
                return ToDecimal(Unwrap(value));
            case TypeCode.Char:
                return value is string { Length: 1 } s ? s[0] : Unwrap(value) is int i ? checked((char)i) : throw Mismatch(value, target);
            case TypeCode.String:
                return value is HessianObject { ClassName: "java.lang.Class" } cls && cls.TryGetField("name", out var name) && name is string n
                    ? n
                    : throw Mismatch(value, target);
            case TypeCode.DateTime:
                throw Mismatch(value, target);
        }

        if (target == typeof(DateTimeOffset))
        {
            return value is DateTime dt ? new DateTimeOffset(dt, TimeSpan.Zero) : throw Mismatch(value, target);
        }

        if (target == typeof(char[]) && value is string str)
        {
            return str.ToCharArray();
        }

        if (target.IsArray && value is HessianList arrayList)
        {
            return ToArray(arrayList, target.GetElementType()!);
        }

        if (value is HessianList list && Hessian2Collections.ListTarget(target) is var (elementType, concreteList))
        {
            return ToList(list, elementType, concreteList, target);
        }

        if (Hessian2Collections.MapTarget(target) is var (keyType, valueType, concreteMap))
        {
            return value switch
            {
                HessianMap map => ToDictionary(map, keyType, valueType, concreteMap, target),
                HessianObject obj when keyType == typeof(string) => FieldsToDictionary(obj, valueType, concreteMap, target),
                _ => throw Mismatch(value, target),
            };
        }

        if (value is HessianObject o && !target.IsAbstract && !target.IsInterface && target != typeof(string))
        {
            return ToClass(o, target);
        }

        throw Mismatch(value, target);
    }

    private object? ToPlain(object value)
    {
        switch (value)
        {
            case HessianList list:
            {
                var result = new List<object?>(list.Items.Count);
                _done[list] = (typeof(object), result);
                foreach (var item in list.Items)
                {
                    result.Add(Convert(item, typeof(object)));
                }

                return result;
            }

            case HessianMap map:
            {
                var result = new Dictionary<object, object?>();
                _done[map] = (typeof(object), result);
                foreach (var (k, v) in map.Entries)
                {
                    result[Convert(k, typeof(object)) ?? throw Hessian2Reader.Error("a map key is null")] = Convert(v, typeof(object));
                }

                return result;
            }

            case HessianObject obj:
                switch (obj.ClassName)
                {
                    case "java.math.BigDecimal":
                        return ToDecimal(obj);
                    case "com.caucho.hessian.io.ByteHandle":
                        return ToNumber(Unwrap(obj), typeof(sbyte));
                    case "com.caucho.hessian.io.ShortHandle":
                        return ToNumber(Unwrap(obj), typeof(short));
                    case "com.caucho.hessian.io.FloatHandle":
                        return ToNumber(Unwrap(obj), typeof(float));
                }

                var fields = new Dictionary<string, object?>(obj.FieldNames.Length);
                _done[obj] = (typeof(object), fields);
                var outer = _field;
                for (var i = 0; i < obj.FieldNames.Length; i++)
                {
                    _field = (obj.FieldNames[i], obj.ClassName);
                    fields[obj.FieldNames[i]] = Convert(obj.Values[i], typeof(object));
                }

                _field = outer;
                return fields;
            default:
                return value;
        }
    }

    private Array ToArray(HessianList list, Type elementType)
    {
        var array = Array.CreateInstance(elementType, list.Items.Count);
        _done[list] = (array.GetType(), array);
        for (var i = 0; i < list.Items.Count; i++)
        {
            array.SetValue(Convert(list.Items[i], elementType), i);
        }

        return array;
    }

    private object ToList(HessianList list, Type elementType, Type concrete, Type target)
    {
        var result = Hessian2Collections.Create(concrete);
        _done[list] = (target, result);
        if (result is IList plain)
        {
            foreach (var item in list.Items)
            {
                plain.Add(Convert(item, elementType));
            }

            return result;
        }

        // A set or a linked list: ICollection<T>.Add (a set keeps one of equal elements, as Java's does).
        var add = typeof(ICollection<>).MakeGenericType(elementType).GetMethod(nameof(ICollection<object>.Add))!;
        var args = new object?[1];
        foreach (var item in list.Items)
        {
            args[0] = Convert(item, elementType);
            add.Invoke(result, args);
        }

        return result;
    }

    private IDictionary ToDictionary(HessianMap map, Type keyType, Type valueType, Type concrete, Type target)
    {
        var result = (IDictionary)Hessian2Collections.Create(concrete);
        _done[map] = (target, result);
        foreach (var (k, v) in map.Entries)
        {
            var key = Convert(k, keyType) ?? throw Hessian2Reader.Error("a map key is null");
            result[key] = Convert(v, valueType);
        }

        return result;
    }

    private IDictionary FieldsToDictionary(HessianObject obj, Type valueType, Type concrete, Type target)
    {
        var result = (IDictionary)Hessian2Collections.Create(concrete);
        _done[obj] = (target, result);
        var outer = _field;
        for (var i = 0; i < obj.FieldNames.Length; i++)
        {
            _field = (obj.FieldNames[i], obj.ClassName);
            result[obj.FieldNames[i]] = Convert(obj.Values[i], valueType);
        }

        _field = outer;
        return result;
    }

    private object ToClass(HessianObject obj, Type target)
    {
        var info = Hessian2ClassInfo.Get(target);
        object instance;
        var used = new bool[info.Properties.Length];
        if (info.DefaultConstructor is not null || target.IsValueType)
        {
            instance = info.DefaultConstructor?.Invoke(null) ?? Activator.CreateInstance(target)!;
            _done[obj] = (target, instance);
        }
        else if (info.Constructor is not null)
        {
            var parameters = info.Constructor.GetParameters();
            var args = new object?[parameters.Length];
            for (var p = 0; p < parameters.Length; p++)
            {
                var i = Array.FindIndex(info.FieldNames, f => string.Equals(f, parameters[p].Name, StringComparison.OrdinalIgnoreCase));
                used[i] = true;
                args[p] = FindField(obj, info.FieldNames[i], out var raw)
                    ? ConvertField(raw, parameters[p].ParameterType, info.Properties[i].Name, target)
                    : parameters[p].HasDefaultValue ? parameters[p].DefaultValue : null;
            }

            instance = info.Constructor.Invoke(args);
            _done[obj] = (target, instance);
        }
        else
        {
            throw Hessian2Reader.Error($"{target} has neither a parameterless constructor nor one whose parameters match its properties");
        }

        for (var i = 0; i < info.Properties.Length; i++)
        {
            var property = info.Properties[i];
            if (!used[i] && property.SetMethod is { IsPublic: true } && FindField(obj, info.FieldNames[i], out var raw))
            {
                property.SetValue(instance, ConvertField(raw, property.PropertyType, property.Name, target));
            }
        }

        return instance;
    }

    private object? ConvertField(object? raw, Type type, string name, Type owner)
    {
        var outer = _field;
        _field = (name, owner);
        var value = Convert(raw, type);
        _field = outer;
        return value;
    }

    private static bool FindField(HessianObject obj, string name, out object? value)
    {
        for (var i = 0; i < obj.FieldNames.Length; i++)
        {
            if (string.Equals(obj.FieldNames[i], name, StringComparison.OrdinalIgnoreCase))
            {
                value = obj.Values[i];
                return true;
            }
        }

        value = null;
        return false;
    }

    private static object ToEnum(object value, Type target)
    {
        var name = value switch
        {
            HessianObject obj when obj.TryGetField("name", out var n) && n is string s => s,
            string s => s,
            _ => null,
        };
        if (name is not null)
        {
            return Enum.TryParse(target, name, ignoreCase: false, out var parsed) && Enum.IsDefined(target, parsed!) && !int.TryParse(name, out _)
                ? parsed!
                : throw Hessian2Reader.Error($"'{name}' is not a value of {target}");
        }

        return value is int or long ? Enum.ToObject(target, value) : throw Mismatch(value, target);
    }

    /// <summary>The <c>_value</c> of Java's Byte/Short/Float handles; anything else as is.</summary>
    private static object Unwrap(object value) =>
        value is HessianObject obj && obj.ClassName.StartsWith("com.caucho.hessian.io.", StringComparison.Ordinal)
            && obj.TryGetField("_value", out var inner) && inner is not null
            ? inner
            : value;

    private static object ToNumber(object value, Type target)
    {
        try
        {
            return value switch
            {
                bool b when target == typeof(bool) => b,
                int or long or double when target != typeof(bool) => System.Convert.ChangeType(
                    value is double d && target != typeof(double) && target != typeof(float) && d != Math.Truncate(d)
                        ? throw Mismatch(value, target)
                        : value,
                    target,
                    CultureInfo.InvariantCulture),
                _ => throw Mismatch(value, target),
            };
        }
        catch (OverflowException)
        {
            var range = target == typeof(sbyte) ? " (-128..127, Java's byte)" : $" ({target.GetField("MinValue")?.GetValue(null)}..{target.GetField("MaxValue")?.GetValue(null)})";
            var hint = target == typeof(byte) && value is int and >= -128 and < 0 ? "; Java's byte is signed: declare it as sbyte" : string.Empty;
            throw Hessian2Reader.Error($"{value} does not fit a {target}{range}{hint}");
        }
    }

    private static decimal ToDecimal(object value)
    {
        try
        {
            return value switch
            {
                HessianObject obj when obj.TryGetField("value", out var v) && v is string s =>
                    decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
                string s => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
                int i => i,
                long l => l,
                double d => (decimal)d,
                _ => throw Mismatch(value, typeof(decimal)),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw Hessian2Reader.Error($"not a decimal: {e.Message}");
        }
    }

    private static RpcException Mismatch(object value, Type target) =>
        Hessian2Reader.Error($"a {Describe(value)} cannot be read as {target}");

    private static string Describe(object value) => value switch
    {
        HessianObject o => $"object of class {o.ClassName}",
        HessianList l => l.Type is null ? "list" : $"list of type {l.Type}",
        HessianMap => "map",
        _ => value.GetType().Name,
    };
}
