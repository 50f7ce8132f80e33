using System.ComponentModel;
using System.Globalization;

namespace Bhrpc.Spring.Context;

/// <summary>Converts literal text and list/dictionary values to the target type.</summary>
internal static class ValueConverter
{
    /// <summary>Converts text; throws <see cref="FormatException"/> (or similar) when it does not fit.</summary>
    public static object? ConvertText(string text, Type target)
    {
        if (target == typeof(string) || target == typeof(object))
        {
            return text;
        }

        var underlying = Nullable.GetUnderlyingType(target);
        if (underlying is not null)
        {
            return text.Length == 0 ? null : ConvertText(text, underlying);
        }

        if (target.IsEnum)
        {
            return Enum.Parse(target, text, ignoreCase: true);
        }

        if (target == typeof(TimeSpan))
        {
            return ParseTimeSpan(text);
        }

        if (target == typeof(Uri))
        {
            return new Uri(text, UriKind.RelativeOrAbsolute);
        }

        if (target == typeof(Type))
        {
            return TypeResolver.Resolve(text) ?? throw new FormatException($"type '{text}' could not be found; {TypeResolver.DescribeSearch(text)}");
        }

        if (target.IsPrimitive || target == typeof(decimal))
        {
            return Convert.ChangeType(text.Trim(), target, CultureInfo.InvariantCulture);
        }

        var converter = TypeDescriptor.GetConverter(target);
        if (converter.CanConvertFrom(typeof(string)))
        {
            return converter.ConvertFromInvariantString(text);
        }

        throw new FormatException($"no conversion from text to {target.Name}");
    }

    /// <summary>Returns the element type when <paramref name="target"/> can be built from a list, else null.</summary>
    public static Type? ListElementType(Type target)
    {
        if (target.IsArray)
        {
            return target.GetElementType();
        }

        if (target.IsGenericType)
        {
            var definition = target.GetGenericTypeDefinition();
            if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IEnumerable<>)
                || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>))
            {
                return target.GetGenericArguments()[0];
            }
        }

        return target == typeof(object) || target == typeof(System.Collections.IList) ? typeof(object) : null;
    }

    /// <summary>Builds an array or list of <paramref name="target"/> from converted items.</summary>
    public static object BuildList(Type target, Type elementType, IReadOnlyList<object?> items)
    {
        if (target.IsArray)
        {
            var array = Array.CreateInstance(elementType, items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                array.SetValue(items[i], i);
            }

            return array;
        }

        var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
        foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>Returns the value type when <paramref name="target"/> can be built from a string-keyed dictionary, else null.</summary>
    public static Type? DictionaryValueType(Type target)
    {
        if (target.IsGenericType && target.GetGenericArguments() is [var key, var value] && key == typeof(string))
        {
            var definition = target.GetGenericTypeDefinition();
            if (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            {
                return value;
            }
        }

        return target == typeof(object) ? typeof(object) : null;
    }

    /// <summary>Builds a <see cref="Dictionary{TKey, TValue}"/> with string keys.</summary>
    public static object BuildDictionary(Type valueType, IReadOnlyList<KeyValuePair<string, object?>> entries)
    {
        var dictionary = (System.Collections.IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
        foreach (var (key, value) in entries)
        {
            dictionary[key] = value;
        }

        return dictionary;
    }

    private static TimeSpan ParseTimeSpan(string text)
    {
        text = text.Trim();
        (string Suffix, Func<double, TimeSpan> Make)[] units =
        [
            ("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes), ("h", TimeSpan.FromHours),
        ];
        foreach (var (suffix, make) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            {
                return make(amount);
            }
        }

        return TimeSpan.Parse(text, CultureInfo.InvariantCulture);
    }
}
