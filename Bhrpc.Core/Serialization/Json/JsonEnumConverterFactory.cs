using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bhrpc.Serialization.Json;

/// <summary>Makes a <see cref="JsonEnumConverter{T}"/> for every enum type.</summary>
internal sealed class JsonEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        => (JsonConverter?)Activator.CreateInstance(typeof(JsonEnumConverter<>).MakeGenericType(typeToConvert));
}
