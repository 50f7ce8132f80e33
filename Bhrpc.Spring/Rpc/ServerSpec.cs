using Bhrpc.Spring.Context;

namespace Bhrpc.Spring.Rpc;

/// <summary>One <c>&lt;rpc:server&gt;</c> (or the implicit one): its options and, once linked, what it exports.</summary>
internal sealed class ServerSpec(string id, ServerOptions options, string? registryId, SourceLocation? location)
{
    public string Id { get; } = id;

    public ServerOptions Options { get; } = options;

    public string? RegistryId { get; } = registryId;

    public SourceLocation? Location { get; } = location;

    /// <summary>Filled by the processor: the services of this server.</summary>
    public List<ServiceSpec> Services { get; } = [];

    /// <summary>Filled by the processor: ids of <c>[RpcService]</c> objects found by annotation-driven scanning.</summary>
    public List<string> AnnotatedObjectIds { get; } = [];
}
