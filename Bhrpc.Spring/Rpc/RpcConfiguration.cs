using System.Runtime.CompilerServices;
using Bhrpc.Attributes;
using Bhrpc.Extensions;
using Bhrpc.Spring.Context;

namespace Bhrpc.Spring.Rpc;

/// <summary>
/// What the rpc elements of one context declared. One per <see cref="ObjectDefinitionRegistry"/>, so that imports
/// share it and two contexts never do. Ids are linked by <see cref="RpcConfigurationProcessor"/> once all XML is read.
/// </summary>
internal sealed class RpcConfiguration
{
    /// <summary>The id of the shared <see cref="RpcClient"/> (one per context, disposed with it).</summary>
    public const string ClientId = "bhrpc.client";

    /// <summary>The id of the shared reference injector (proxies by settings, consumer defaults).</summary>
    public const string InjectorId = "bhrpc.referenceInjector";

    /// <summary>The id of the server made when services are exported and no <c>&lt;rpc:server&gt;</c> is declared.</summary>
    public const string ImplicitServerId = "bhrpc.server";

    private const string ProcessorId = "bhrpc.rpcConfigurationProcessor";
    private const string PostProcessorId = "bhrpc.rpcReferencePostProcessor";

    private static readonly ConditionalWeakTable<ObjectDefinitionRegistry, RpcConfiguration> s_byRegistry = [];

    private readonly List<(SourceLocation Location, Action<ExtensionLoader> Check)> _checks = [];

    public Dictionary<string, RegistrySpec> Registries { get; } = new(StringComparer.Ordinal);

    public List<ServerSpec> Servers { get; } = [];

    public List<ServiceSpec> Services { get; } = [];

    public List<ReferenceSpec> References { get; } = [];

    /// <summary>Ids of the <c>[RpcService]</c> objects registered by <c>&lt;rpc:annotation-driven&gt;</c>.</summary>
    public List<string> AnnotatedServiceIds { get; } = [];

    /// <summary>Where the first <c>&lt;rpc:annotation-driven&gt;</c> is, or null.</summary>
    public SourceLocation? AnnotationLocation { get; set; }

    /// <summary>The <c>&lt;rpc:consumer&gt;</c>, or null; at most one per context.</summary>
    public ConsumerSpec? Consumer { get; set; }

    /// <summary>Set by the processor: the consumer defaults with the consumer's registry id resolved.</summary>
    public ConsumerDefaults Defaults { get; set; } = new();

    /// <summary>
    /// The extension loader of the context's client and servers, and the one every extension name is checked against:
    /// <see cref="ExtensionLoader.Shared"/>, or one with the plug-in folder of <c>&lt;rpc:extensions&gt;</c>.
    /// </summary>
    public ExtensionLoader Extensions { get; set; } = ExtensionLoader.Shared;

    /// <summary>Where the <c>&lt;rpc:extensions&gt;</c> is, or null; at most one per context.</summary>
    public SourceLocation? ExtensionsLocation { get; set; }

    /// <summary>The <c>&lt;rpc:filter&gt;</c>s of <c>&lt;rpc:consumer&gt;</c>: the client's global filters (<see cref="ClientOptions.Filters"/>).</summary>
    public List<ExtensionSpec> ClientFilters { get; } = [];

    /// <summary>
    /// The ejection settings of <c>&lt;rpc:consumer&gt;</c> (<see cref="ClientOptions.EjectionBackoff"/>,
    /// <see cref="ClientOptions.MaxEjectionBackoff"/>, <see cref="ClientOptions.EjectAfterFailures"/>) for the context's
    /// client; Core's defaults without one.
    /// </summary>
    public ClientOptions ClientEjection { get; set; } = new();

    /// <summary>Set by the processor: the registry of the client and of servers that name none.</summary>
    public RegistryOptions DefaultRegistry { get; set; } = new();

    /// <summary>The configuration of the context being read, registering the infrastructure definitions on first use.</summary>
    public static RpcConfiguration For(ObjectDefinitionRegistry registry)
    {
        if (s_byRegistry.TryGetValue(registry, out var existing))
        {
            return existing;
        }

        var configuration = new RpcConfiguration();
        s_byRegistry.Add(registry, configuration);
        configuration.RegisterInfrastructure(registry);
        return configuration;
    }

    /// <summary>
    /// Runs <paramref name="check"/> against <see cref="Extensions"/> once all XML is read (a later
    /// <c>&lt;rpc:extensions&gt;</c> may add plug-ins); its configuration error is reported at <paramref name="location"/>.
    /// </summary>
    public void CheckLater(SourceLocation location, Action<ExtensionLoader> check) => _checks.Add((location, check));

    /// <summary>Runs the checks of <see cref="CheckLater"/>.</summary>
    public void RunChecks()
    {
        foreach (var (location, check) in _checks)
        {
            try
            {
                check(Extensions);
            }
            catch (RpcException e) when (e.StatusCode == RpcStatusCode.Configuration)
            {
                throw new ObjectDefinitionException(e.Message, location, e);
            }
        }
    }

    /// <summary>Adds the injection post-processor (once) for <c>&lt;rpc:annotation-driven&gt;</c>.</summary>
    public static void RegisterReferencePostProcessor(ObjectDefinitionRegistry registry)
    {
        if (!registry.Contains(PostProcessorId))
        {
            registry.Register(new ObjectDefinition(PostProcessorId)
            {
                ObjectType = typeof(RpcReferencePostProcessor),
                Factory = r => new RpcReferencePostProcessor((Injection.ReferenceInjector)r.GetObject(InjectorId)),
            });
        }
    }

    private void RegisterInfrastructure(ObjectDefinitionRegistry registry)
    {
        registry.Register(new ObjectDefinition(ProcessorId)
        {
            ObjectType = typeof(RpcConfigurationProcessor),
            Factory = _ => new RpcConfigurationProcessor(this),
        });

        // Lazy: a context that references nothing opens no client.
        registry.Register(new ObjectDefinition(ClientId)
        {
            ObjectType = typeof(RpcClient),
            IsLazyInit = true,
            Factory = _ => new RpcClient(new ClientOptions
            {
                Registry = DefaultRegistry.Clone(),
                Extensions = Extensions,
                Filters = [.. ClientFilters],
                EjectionBackoff = ClientEjection.EjectionBackoff,
                MaxEjectionBackoff = ClientEjection.MaxEjectionBackoff,
                EjectAfterFailures = ClientEjection.EjectAfterFailures,
            }),
        });
        registry.Register(new ObjectDefinition(InjectorId)
        {
            ObjectType = typeof(Injection.ReferenceInjector),
            IsLazyInit = true,
            Factory = r => new Injection.ReferenceInjector((RpcClient)r.GetObject(ClientId), Defaults),
        });
    }
}
