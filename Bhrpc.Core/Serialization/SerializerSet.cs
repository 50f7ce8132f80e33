using System.Collections.Concurrent;
using Bhrpc.Codec;
using Bhrpc.Extensions;

namespace Bhrpc.Serialization;

/// <summary>
/// The serializers one server or client uses, made on first use from its <see cref="ExtensionLoader"/>
/// and kept with their padded header field. Serializers are shared by the connections of their
/// owner and must be thread-safe.
/// </summary>
internal sealed class SerializerSet(ExtensionLoader extensions)
{
    private readonly ConcurrentDictionary<string, SerializerEntry?> _entries = new(StringComparer.Ordinal);

    /// <summary>The serializer named <paramref name="name"/>, or null when no extension has that name.</summary>
    public SerializerEntry? Find(string name)
        => _entries.GetOrAdd(name, static (n, loader) =>
            loader.Contains<IRpcSerializer>(n) ? new SerializerEntry(n, loader.Create<IRpcSerializer>(n), FrameCodec.PadSerializerName(n)) : null,
            extensions);

    /// <summary>The serializer named <paramref name="name"/>; throws a configuration error that lists the known names.</summary>
    public SerializerEntry Get(string name)
        => Find(name) ?? throw new RpcException(RpcStatusCode.Configuration, $"unknown serializer '{name}'; known names: {Known}.");

    /// <summary>The known names, for messages.</summary>
    public string Known => string.Join(", ", extensions.Names<IRpcSerializer>());
}

/// <summary>A serializer with its name and padded header field.</summary>
internal sealed record SerializerEntry(string Name, IRpcSerializer Serializer, byte[] PaddedName);
