using System.Text.Json;

namespace Bhrpc.Serialization.Json;

/// <summary>Writes and reads one argument or result value through the shared serializer options.</summary>
internal static class JsonValueCodec
{
    /// <summary>Writes <paramref name="value"/> as <paramref name="declaredType"/>, or as its runtime type when that is null.</summary>
    public static void Write(Utf8JsonWriter writer, object? value, Type? declaredType)
    {
        if (value is null || declaredType == typeof(void))
        {
            writer.WriteNullValue();
            return;
        }

        JsonSerializer.Serialize(writer, value, JsonSettings.Serializer.GetTypeInfo(declaredType ?? value.GetType()));
    }

    /// <summary>Reads the value the reader is positioned on as <paramref name="type"/>; the reader ends on its last token.</summary>
    public static object? Read(ref Utf8JsonReader reader, Type type)
        => JsonSerializer.Deserialize(ref reader, JsonSettings.Serializer.GetTypeInfo(type));
}
