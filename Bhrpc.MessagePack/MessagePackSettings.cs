using MessagePack;

namespace Bhrpc.Serialization.MessagePack;

/// <summary>
/// The one set of MessagePack-CSharp options every argument and result goes through: the
/// <c>StandardResolver</c> (built-in types, collections, <c>[MessagePackObject]</c> and
/// <c>[DataContract]</c> types) with <see cref="MessagePackSecurity.UntrustedData"/> (bounded nesting,
/// collision-resistant hashing of dictionary keys). Never the typeless resolver: no value on the
/// wire names the type it is read as.
/// </summary>
internal static class MessagePackSettings
{
    /// <summary>What the serializer carries, for the messages of types it cannot write or read.</summary>
    public const string Carries =
        "the msgpack serializer carries primitives, string, byte[], decimal, DateTime, Guid, enums, arrays, lists, sets and dictionaries of those, "
        + "and classes or records marked [MessagePackObject] (or [DataContract])";

    /// <summary>StandardResolver options for untrusted input.</summary>
    public static MessagePackSerializerOptions Options { get; } =
        MessagePackSerializerOptions.Standard.WithSecurity(MessagePackSecurity.UntrustedData);
}
