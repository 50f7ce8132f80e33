using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bhrpc.Serialization.Json;

/// <summary>
/// Writes an enum as its number; reads a number or a name (any case; <c>"A, B"</c> for flags).
/// A name is what Java's Jackson writes for an enum by default.
/// </summary>
internal sealed class JsonEnumConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    private static readonly TypeCode s_underlying = Type.GetTypeCode(typeof(T));

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return ReadNumber(ref reader);
        }

        if (reader.TokenType == JsonTokenType.String && Enum.TryParse<T>(reader.GetString(), ignoreCase: true, out var named))
        {
            return named;
        }

        throw new JsonException($"expected a number or a name of {typeof(T)}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        switch (s_underlying)
        {
            case TypeCode.SByte:
                writer.WriteNumberValue(Unsafe.As<T, sbyte>(ref value));
                break;
            case TypeCode.Byte:
                writer.WriteNumberValue(Unsafe.As<T, byte>(ref value));
                break;
            case TypeCode.Int16:
                writer.WriteNumberValue(Unsafe.As<T, short>(ref value));
                break;
            case TypeCode.UInt16:
                writer.WriteNumberValue(Unsafe.As<T, ushort>(ref value));
                break;
            case TypeCode.Int32:
                writer.WriteNumberValue(Unsafe.As<T, int>(ref value));
                break;
            case TypeCode.UInt32:
                writer.WriteNumberValue(Unsafe.As<T, uint>(ref value));
                break;
            case TypeCode.Int64:
                writer.WriteNumberValue(Unsafe.As<T, long>(ref value));
                break;
            case TypeCode.UInt64:
                writer.WriteNumberValue(Unsafe.As<T, ulong>(ref value));
                break;
            default:
                throw new JsonException($"enum {typeof(T)} has an unsupported underlying type {s_underlying}.");
        }
    }

    private static T ReadNumber(ref Utf8JsonReader reader)
    {
        switch (s_underlying)
        {
            case TypeCode.SByte when reader.TryGetSByte(out var int8):
                return Unsafe.As<sbyte, T>(ref int8);
            case TypeCode.Byte when reader.TryGetByte(out var uint8):
                return Unsafe.As<byte, T>(ref uint8);
            case TypeCode.Int16 when reader.TryGetInt16(out var int16):
                return Unsafe.As<short, T>(ref int16);
            case TypeCode.UInt16 when reader.TryGetUInt16(out var uint16):
                return Unsafe.As<ushort, T>(ref uint16);
            case TypeCode.Int32 when reader.TryGetInt32(out var int32):
                return Unsafe.As<int, T>(ref int32);
            case TypeCode.UInt32 when reader.TryGetUInt32(out var uint32):
                return Unsafe.As<uint, T>(ref uint32);
            case TypeCode.Int64 when reader.TryGetInt64(out var int64):
                return Unsafe.As<long, T>(ref int64);
            case TypeCode.UInt64 when reader.TryGetUInt64(out var uint64):
                return Unsafe.As<ulong, T>(ref uint64);
            default:
                throw new JsonException($"the number does not fit enum {typeof(T)} (underlying type {s_underlying}).");
        }
    }
}
