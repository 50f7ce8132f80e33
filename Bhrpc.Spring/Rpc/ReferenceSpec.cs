using Bhrpc.Attributes;
using Bhrpc.Spring.Context;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// One <c>&lt;rpc:reference&gt;</c>, held as the <see cref="RpcReferenceAttribute"/> it is equivalent to, so that it
/// shares that attribute's validation and its precedence over <see cref="ConsumerDefaults"/>.
/// </summary>
internal sealed class ReferenceSpec(string id, Type interfaceType, RpcReferenceAttribute settings, string? registryId, SourceLocation location)
{
    public string Id { get; } = id;

    public Type Interface { get; } = interfaceType;

    public RpcReferenceAttribute Settings { get; } = settings;

    public string? RegistryId { get; } = registryId;

    public SourceLocation Location { get; } = location;

    /// <summary>Set by the processor: the validated Core options.</summary>
    public ReferenceOptions? Options { get; set; }
}
