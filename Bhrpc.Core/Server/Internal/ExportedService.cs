using Bhrpc.Metadata;

namespace Bhrpc.Server.Internal;

/// <summary>A service a server exports: its options, key and method table.</summary>
internal sealed record ExportedService(ServiceOptions Options, string Key, ServiceDescriptor Descriptor)
{
    /// <summary>The signatures, for messages.</summary>
    public string MethodList => string.Join(", ", Descriptor.Methods.Keys.Order(StringComparer.Ordinal));
}
