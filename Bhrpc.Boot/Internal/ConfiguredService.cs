using Bhrpc.Extensions;
using Bhrpc.Invocation;
using Bhrpc.Metadata;

namespace Bhrpc.Boot.Internal;

/// <summary>One service declared in configuration, <c>Bhrpc:Services:{i}</c>.</summary>
internal sealed record ConfiguredService(
    string Path,
    Type Interface,
    Type Implementation,
    string? Version,
    string? Group,
    int? Weight,
    string? ServiceName,
    MethodNaming? MethodNaming,
    string? Tag,
    IReadOnlyList<ExtensionSpec> Filters,
    IReadOnlyList<MethodOptions> Methods)
{
    /// <summary>Reads and checks <paramref name="path"/> (<c>Bhrpc:Services:0</c>).</summary>
    public static ConfiguredService Read(ConfigReader reader, string path)
    {
        reader.CheckKnown(path, BhrpcConfigurationKeys.ServiceKeys);
        var contract = reader.Type($"{path}:Interface", mustBeInterface: true)
            ?? throw new RpcException(RpcStatusCode.Configuration, $"configuration key '{path}:Interface' is missing; expected the service interface as 'Namespace.IType, Assembly'.");
        var implementation = reader.Type($"{path}:Implementation", mustBeInterface: false)
            ?? throw new RpcException(RpcStatusCode.Configuration, $"configuration key '{path}:Implementation' is missing; expected a class as 'Namespace.Type, Assembly'.");
        if (implementation.IsAbstract || !contract.IsAssignableFrom(implementation))
        {
            throw ConfigReader.Error($"{path}:Implementation", reader.String($"{path}:Implementation")!, $"a concrete class implementing {contract.FullName}");
        }

        return new ConfiguredService(
            path,
            contract,
            implementation,
            reader.String($"{path}:Version"),
            reader.String($"{path}:Group"),
            reader.Int($"{path}:Weight", 1, 100),
            reader.String($"{path}:ServiceName"),
            reader.MethodNaming($"{path}:MethodNaming"),
            reader.String($"{path}:Tag"),
            reader.Filters($"{path}:Filters", RpcSide.Provider, allowRemoval: true) ?? [],
            reader.Methods($"{path}:Methods", contract, consumer: false) ?? []);
    }

    /// <summary>The Core options exporting <paramref name="instance"/>.</summary>
    public ServiceOptions ToServiceOptions(object instance)
    {
        var options = new ServiceOptions
        {
            ServiceType = Interface,
            Implementation = instance,
            ServiceName = ServiceName,
            Group = Group ?? string.Empty,
            Tag = Tag,
            Filters = [.. Filters],
            Methods = [.. Methods.Select(m => m.Clone())],
        };
        options.Version = Version ?? options.Version;
        options.Weight = Weight ?? options.Weight;
        options.MethodNaming = MethodNaming ?? options.MethodNaming;
        return options;
    }
}
