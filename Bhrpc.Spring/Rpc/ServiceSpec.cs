using Bhrpc.Extensions;
using Bhrpc.Metadata;
using Bhrpc.Spring.Context;

namespace Bhrpc.Spring.Rpc;

/// <summary>One <c>&lt;rpc:service&gt;</c>.</summary>
internal sealed class ServiceSpec(Type serviceType, string refId, string? serverId, SourceLocation location)
{
    public Type ServiceType { get; } = serviceType;

    public string RefId { get; } = refId;

    public string? ServerId { get; } = serverId;

    public SourceLocation Location { get; } = location;

    public string? ServiceName { get; init; }

    public string? Version { get; init; }

    public string? Group { get; init; }

    public int? Weight { get; init; }

    public MethodNaming? MethodNaming { get; init; }

    public string? Tag { get; init; }

    public IReadOnlyList<ExtensionSpec> Filters { get; init; } = [];

    public IReadOnlyList<MethodOptions> Methods { get; init; } = [];

    /// <summary>The Core options exporting <paramref name="implementation"/>; a wrong type is an error at the element.</summary>
    public ServiceOptions ToOptions(object implementation)
    {
        if (!ServiceType.IsInstanceOfType(implementation))
        {
            throw new ObjectDefinitionException(
                $"<rpc:service interface=\"{ServiceType.FullName}\"> ref='{RefId}' is a {implementation.GetType().FullName}, which does not implement {ServiceType.FullName}.",
                Location);
        }

        var options = new ServiceOptions { ServiceType = ServiceType, Implementation = implementation, ServiceName = ServiceName };
        options.Version = Version ?? options.Version;
        options.Group = Group ?? options.Group;
        options.Weight = Weight ?? options.Weight;
        options.MethodNaming = MethodNaming ?? options.MethodNaming;
        options.Tag = Tag;
        options.Filters = [.. Filters];
        options.Methods = [.. Methods.Select(m => m.Clone())];
        return options;
    }
}
