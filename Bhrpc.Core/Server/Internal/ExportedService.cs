using System.Collections.Frozen;
using Bhrpc.Metadata;

namespace Bhrpc.Server.Internal;

/// <summary>A service a server exports: its options, key and method table.</summary>
internal sealed class ExportedService
{
    public ExportedService(ServiceOptions options, ServiceDescriptor descriptor)
    {
        Options = options;
        Key = options.Key;
        Descriptor = descriptor;
        Methods = descriptor.Methods.Values.ToFrozenDictionary(m => new MethodKey(m.Name, m.PortableParameterTypes));
        MethodList = string.Join(", ", descriptor.Methods.Keys.Order(StringComparer.Ordinal));
    }

    public ServiceOptions Options { get; }

    /// <summary><c>{serviceName}#{version}#{group}</c>.</summary>
    public string Key { get; }

    public ServiceDescriptor Descriptor { get; }

    /// <summary>Methods by name and portable parameter types.</summary>
    public FrozenDictionary<MethodKey, MethodDescriptor> Methods { get; }

    /// <summary>The signatures, for messages.</summary>
    public string MethodList { get; }
}
