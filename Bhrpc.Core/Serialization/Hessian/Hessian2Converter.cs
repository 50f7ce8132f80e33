using System.Collections;
using System.Globalization;

namespace Bhrpc.Serialization.Hessian;

/// <summary>
/// Turns values read by <see cref="Hessian2Reader"/> into a declared .NET type. Only the declared
/// type and the types it is made of are constructed; a wire class name never picks a type. In an
/// <see cref="object"/> slot, an object becomes a <see cref="Dictionary{TKey,TValue}"/> of its
/// fields (string keys), a list a <see cref="List{T}"/> of objects and a map a dictionary with
/// object keys; Java's BigDecimal and its Byte/Short/Float handles become
/// <see cref="decimal"/>/<see cref="byte"/>/<see cref="short"/>/<see cref="float"/>.
/// A node reached twice (a shared or cyclic reference) converts to one instance per target type.
/// </summary>
internal sealed class Hessian2Converter(int maxDepth)
{
    private readonly Dictionary<object, (Type Type, object Value)> _done = new(ReferenceEqualityComparer.Instance);
    private int _depth;

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
        if (value is HessianObject or HessianList or HessianMap && _done.TryGetValue(value, out var done) && done.Type == target)
        {
            return done.Value;
        }

        if (target == typeof(object))
        {
            return ToPlain(value);
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

        if (value is HessianList list && ListElementType(target) is { } elementType)
        {
            return ToList(list, elementType, target);
        }

        if (DictionaryTypes(target) is var (keyType, valueType))
        {
            return value switch
            {
                HessianMap map => ToDictionary(map, keyType, valueType, target),
                HessianObject obj when keyType == typeof(string) => FieldsToDictionary(obj, valueType, target),
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
                        return ToNumber(Unwrap(obj), typeof(byte));
                    case "com.caucho.hessian.io.ShortHandle":
                        return ToNumber(Unwrap(obj), typeof(short));
                    case "com.caucho.hessian.io.FloatHandle":
                        return ToNumber(Unwrap(obj), typeof(float));
                }

                var fields = new Dictionary<string, object?>(obj.FieldNames.Length);
                _done[obj] = (typeof(object), fields);
                for (var i = 0; i < obj.FieldNames.Length; i++)
                {
                    fields[obj.FieldNames[i]] = Convert(obj.Values[i], typeof(object));
                }

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

    private IList ToList(HessianList list, Type elementType, Type target)
    {
        var concrete = target.IsInterface || target.IsAbstract ? typeof(List<>).MakeGenericType(elementType) : target;
        var result = (IList)Activator.CreateInstance(concrete)!;
        _done[list] = (target, result);
        foreach (var item in list.Items)
        {
            result.Add(Convert(item, elementType));
        }

        return result;
    }

    private IDictionary ToDictionary(HessianMap map, Type keyType, Type valueType, Type target)
    {
        var result = NewDictionary(keyType, valueType, target);
        _done[map] = (target, result);
        foreach (var (k, v) in map.Entries)
        {
            var key = Convert(k, keyType) ?? throw Hessian2Reader.Error("a map key is null");
            result[key] = Convert(v, valueType);
        }

        return result;
    }

    private IDictionary FieldsToDictionary(HessianObject obj, Type valueType, Type target)
    {
        var result = NewDictionary(typeof(string), valueType, target);
        _done[obj] = (target, result);
        for (var i = 0; i < obj.FieldNames.Length; i++)
        {
            result[obj.FieldNames[i]] = Convert(obj.Values[i], valueType);
        }

        return result;
    }

    private static IDictionary NewDictionary(Type keyType, Type valueType, Type target)
    {
        var concrete = target.IsInterface || target.IsAbstract ? typeof(Dictionary<,>).MakeGenericType(keyType, valueType) : target;
        return (IDictionary)Activator.CreateInstance(concrete)!;
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
                    ? Convert(raw, parameters[p].ParameterType)
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
                property.SetValue(instance, Convert(raw, property.PropertyType));
            }
        }

        return instance;
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
            throw Hessian2Reader.Error($"{value} does not fit a {target}");
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

    private static Type? ListElementType(Type target)
    {
        if (!target.IsGenericType)
        {
            return null;
        }

        var definition = target.GetGenericTypeDefinition();
        return definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(ICollection<>)
            || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>)
            ? target.GetGenericArguments()[0]
            : null;
    }

    private static (Type Key, Type Value)? DictionaryTypes(Type target)
    {
        if (!target.IsGenericType)
        {
            return null;
        }

        var definition = target.GetGenericTypeDefinition();
        if (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
        {
            var args = target.GetGenericArguments();
            return (args[0], args[1]);
        }

        return null;
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
