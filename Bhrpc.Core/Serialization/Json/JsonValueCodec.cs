using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Bhrpc.Serialization.Json;

/// <summary>Writes and reads one argument or result value through the shared serializer options.</summary>
internal static class JsonValueCodec
{
    // JsonSerializerOptions.GetTypeInfo validates the type on every call; the metadata itself is
    // immutable once made, so it is looked up once per type here.
    private static readonly ConcurrentDictionary<Type, JsonTypeInfo> s_typeInfos = new();

    /// <summary>Writes <paramref name="value"/> as <paramref name="declaredType"/>, or as its runtime type when that is null.</summary>
    public static void Write(Utf8JsonWriter writer, object? value, Type? declaredType)
    {
        if (value is null || declaredType == typeof(void))
        {
            writer.WriteNullValue();
            return;
        }

        JsonSerializer.Serialize(writer, value, TypeInfo(declaredType ?? value.GetType()));
    }

    /// <summary>Reads the value the reader is positioned on as <paramref name="type"/>; the reader ends on its last token.</summary>
    public static object? Read(ref Utf8JsonReader reader, Type type)
        => JsonSerializer.Deserialize(ref reader, TypeInfo(type));

    private static JsonTypeInfo TypeInfo(Type type)
        => s_typeInfos.TryGetValue(type, out var info) ? info : s_typeInfos.GetOrAdd(type, static t => JsonSettings.Serializer.GetTypeInfo(t));
}
