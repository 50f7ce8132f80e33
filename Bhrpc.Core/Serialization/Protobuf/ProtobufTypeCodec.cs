using System.Collections.Concurrent;
using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Type = System.Type;

namespace Bhrpc.Serialization.Protobuf;

/// <summary>
/// How one declared type is turned into bytes and back: a generated <see cref="IMessage"/> as
/// its own encoding, a primitive, string or byte[] as the matching well-known wrapper message
/// (<c>google.protobuf.Int32Value</c> and friends), so any protobuf runtime can read it.
/// Codecs are made once per type and cached; a call uses no reflection.
/// </summary>
internal sealed class ProtobufTypeCodec
{
    private static readonly ConcurrentDictionary<Type, ProtobufTypeCodec> s_codecs = new(Primitives());

    private readonly Func<object, ByteString> _encode;
    private readonly Func<ByteString, object> _decode;

    private ProtobufTypeCodec(Type type, Func<object, ByteString> encode, Func<ByteString, object> decode)
    {
        Type = type;
        _encode = encode;
        _decode = decode;
    }

    /// <summary>The type values are encoded as (the underlying type of a nullable primitive).</summary>
    public Type Type { get; }

    /// <summary>The codec of <paramref name="declared"/>; throws <see cref="RpcStatusCode.Serialization"/> for a type protobuf cannot carry.</summary>
    public static ProtobufTypeCodec For(Type declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        if (s_codecs.TryGetValue(declared, out var codec))
        {
            return codec;
        }

        var underlying = Nullable.GetUnderlyingType(declared);
        codec = underlying is not null && s_codecs.TryGetValue(underlying, out var primitive)
            ? primitive
            : ForMessage(declared) ?? throw Unsupported(declared);
        return s_codecs.GetOrAdd(declared, codec);
    }

    public ByteString Encode(object value) => _encode(value);

    public object Decode(ByteString data) => _decode(data);

    public static RpcException Unsupported(Type type) => new(
        RpcStatusCode.Serialization,
        $"the protobuf serializer cannot carry {type}: it carries Google.Protobuf IMessage types, "
        + "primitives (bool, int, uint, long, ulong, float, double), string and byte[]; use another serializer (json, hessian2) for other types.");

    private static ProtobufTypeCodec? ForMessage(Type type)
    {
        if (!typeof(IMessage).IsAssignableFrom(type) || type.IsAbstract || type.IsInterface)
        {
            return null;
        }

        // Generated messages expose their parser as a static property; looked up once per type.
        var property = type.GetProperty("Parser", BindingFlags.Public | BindingFlags.Static);
        if (property?.GetValue(null) is not MessageParser parser)
        {
            return null;
        }

        return new ProtobufTypeCodec(
            type,
            static value => UnsafeByteOperations.UnsafeWrap(((IMessage)value).ToByteArray()),
            data => parser.ParseFrom(data));
    }

    private static IEnumerable<KeyValuePair<Type, ProtobufTypeCodec>> Primitives()
    {
        yield return Wrapper<bool, BoolValue>(v => new BoolValue { Value = v }, w => w.Value);
        yield return Wrapper<int, Int32Value>(v => new Int32Value { Value = v }, w => w.Value);
        yield return Wrapper<uint, UInt32Value>(v => new UInt32Value { Value = v }, w => w.Value);
        yield return Wrapper<long, Int64Value>(v => new Int64Value { Value = v }, w => w.Value);
        yield return Wrapper<ulong, UInt64Value>(v => new UInt64Value { Value = v }, w => w.Value);
        yield return Wrapper<float, FloatValue>(v => new FloatValue { Value = v }, w => w.Value);
        yield return Wrapper<double, DoubleValue>(v => new DoubleValue { Value = v }, w => w.Value);
        yield return Wrapper<string, StringValue>(v => new StringValue { Value = v }, w => w.Value);
        yield return Wrapper<byte[], BytesValue>(v => new BytesValue { Value = ByteString.CopyFrom(v) }, w => w.Value.ToByteArray());
    }

    private static KeyValuePair<Type, ProtobufTypeCodec> Wrapper<T, TWrapper>(Func<T, TWrapper> wrap, Func<TWrapper, T> unwrap)
        where T : notnull
        where TWrapper : IMessage<TWrapper>, new()
    {
        var parser = new MessageParser<TWrapper>(static () => new TWrapper());
        return new(typeof(T), new ProtobufTypeCodec(
            typeof(T),
            value => UnsafeByteOperations.UnsafeWrap(wrap((T)value).ToByteArray()),
            data => unwrap(parser.ParseFrom(data))));
    }
}
