using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Bhrpc.Serialization.Json;

/// <summary>
/// The one set of System.Text.Json settings every json serializer instance shares. The
/// options are made read-only at start-up, so their <see cref="JsonTypeInfo"/> cache is built
/// once per type for the whole process and is safe to share between threads.
/// </summary>
internal static class JsonSettings
{
    /// <summary>Nesting limit of a body, counted from its top-level object.</summary>
    public const int MaxDepth = 64;

    /// <summary>Options for argument and result values.</summary>
    public static readonly JsonSerializerOptions Serializer = CreateSerializerOptions();

    /// <summary>Reader options: strict JSON (no comments, no trailing commas), as Jackson writes it.</summary>
    public static readonly JsonReaderOptions Reader = new() { MaxDepth = MaxDepth };

    /// <summary>
    /// Writer options: compact. Non-ASCII text is written as UTF-8 rather than <c>\uXXXX</c>
    /// escapes, which would triple the size of non-Latin text; a body is never embedded in
    /// HTML, which is all the default encoder's extra escaping protects against.
    /// </summary>
    public static readonly JsonWriterOptions Writer = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions
        {
            // Java's Jackson uses bean names, which are camelCase; it matches them exactly, we
            // accept any case so a PascalCase .NET peer is read as well.
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = true,
            IncludeFields = true,
            MaxDepth = MaxDepth,
            // Jackson writes NaN and the infinities as the strings "NaN", "Infinity", "-Infinity".
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            // An `object` value stays a JsonElement (the default); say so, because it is what keeps
            // a type named in a body from ever being instantiated (PROTOCOL.md, deserialization safety).
            UnknownTypeHandling = JsonUnknownTypeHandling.JsonElement,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            Converters =
            {
                new JsonDateTimeConverter(),
                new JsonEnumConverterFactory(),
            },
        };
        options.MakeReadOnly();
        return options;
    }
}
