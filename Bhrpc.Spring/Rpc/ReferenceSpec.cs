using Bhrpc.Attributes;
using Bhrpc.Extensions;
using Bhrpc.Spring.Context;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// One <c>&lt;rpc:reference&gt;</c>, held as the <see cref="RpcReferenceAttribute"/> it is equivalent to, so that it
/// shares that attribute's validation and its precedence over <see cref="ConsumerDefaults"/>, plus its children.
/// </summary>
internal sealed class ReferenceSpec(string id, Type interfaceType, RpcReferenceAttribute settings, string? registryId, SourceLocation location)
{
    public string Id { get; } = id;

    public Type Interface { get; } = interfaceType;

    public RpcReferenceAttribute Settings { get; } = settings;

    public string? RegistryId { get; } = registryId;

    public SourceLocation Location { get; } = location;

    /// <summary>The <c>&lt;rpc:filter&gt;</c> children, in order.</summary>
    public IReadOnlyList<ExtensionSpec> Filters { get; init; } = [];

    /// <summary>The <c>&lt;rpc:router&gt;</c> children, in order.</summary>
    public IReadOnlyList<ExtensionSpec> Routers { get; init; } = [];

    /// <summary>The <c>&lt;rpc:cluster&gt;</c> child, or null.</summary>
    public ExtensionSpec? Cluster { get; init; }

    /// <summary>The <c>&lt;rpc:method&gt;</c> children.</summary>
    public IReadOnlyList<MethodOptions> Methods { get; init; } = [];

    /// <summary>Set by the processor: the validated Core options.</summary>
    public ReferenceOptions? Options { get; set; }

    /// <summary>The reference's options before Core's validation: attributes over <paramref name="defaults"/>, then the children.</summary>
    public ReferenceOptions CreateOptions(ConsumerDefaults defaults, string where)
        => Settings.CreateReferenceOptions(Interface, defaults, where, AddChildren);

    /// <summary>The validated options; every extension name checked against <paramref name="extensions"/>.</summary>
    public ReferenceOptions ToOptions(ConsumerDefaults defaults, string where, ExtensionLoader extensions)
        => Settings.ToReferenceOptions(Interface, defaults, where, extensions, AddChildren);

    private void AddChildren(ReferenceOptions options)
    {
        if (Cluster is not null)
        {
            options.Cluster = Cluster;
        }

        foreach (var filter in Filters)
        {
            options.Filters.Add(filter);
        }

        foreach (var router in Routers)
        {
            options.Routers.Add(router);
        }

        foreach (var method in Methods)
        {
            options.Methods.Add(method.Clone());
        }
    }
}
