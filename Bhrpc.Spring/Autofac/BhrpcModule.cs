using System.Reflection;
using Autofac;
using Autofac.Core;
using Autofac.Core.Registration;
using Bhrpc.Attributes;
using Bhrpc.Injection;

namespace Bhrpc.Spring.Autofac;

/// <summary>
/// Brings bhrpc into an Autofac container:
/// <list type="bullet">
/// <item>components whose class carries <see cref="RpcServiceAttribute"/> (registered by you, or found in
/// <see cref="ScanAssemblies"/>) are exported by one <see cref="RpcServer"/>, started when the container is
/// built and stopped when it is disposed;</item>
/// <item><see cref="RpcReferenceAttribute"/> fields and properties of every component are set to proxies
/// when the component is activated;</item>
/// <item><see cref="BhrpcContainerBuilderExtensions.RegisterRpcReference{T}"/> makes an interface resolvable
/// as a proxy.</item>
/// </list>
/// One <see cref="RpcClient"/> per container serves every reference and is disposed with the container.
/// <code>
/// var builder = new ContainerBuilder();
/// builder.RegisterModule(new BhrpcModule { Registry = "zookeeper://127.0.0.1:2181", Server = { Port = 27880 } });
/// builder.RegisterType&lt;Greeter&gt;();                    // [RpcService(typeof(IGreeter))]
/// builder.RegisterRpcReference&lt;IOrders&gt;(r =&gt; r.Version = "2.0.0");
/// await using var container = builder.Build();          // the server is listening now
/// </code>
/// </summary>
public sealed class BhrpcModule : global::Autofac.Module
{
    /// <summary>
    /// The registry URL for the server and for references that name none, e.g.
    /// <c>zookeeper://127.0.0.1:2181</c>, <c>etcd://127.0.0.1:2379</c>, <c>local:///tmp/registry</c>.
    /// Default <c>local://</c>. It replaces <see cref="ServerOptions.Registry"/> of <see cref="Server"/>.
    /// </summary>
    public string Registry { get; set; } = "local://";

    /// <summary>
    /// The provider settings (listen address, advertise host, serializer, …); see <see cref="ServerOptions"/>
    /// for the defaults. Copied when the container is built.
    /// </summary>
    public ServerOptions Server { get; set; } = new();

    /// <summary>Defaults for every reference of the container; each is overridden by the reference's own setting.</summary>
    public ConsumerDefaults Consumer { get; set; } = new();

    /// <summary>
    /// Assemblies whose concrete <see cref="RpcServiceAttribute"/> classes are registered (as themselves and
    /// as the interfaces they export, single instance) and exported. Default: none.
    /// </summary>
    public IReadOnlyList<Assembly> ScanAssemblies { get; set; } = [];

    /// <inheritdoc />
    protected override void Load(ContainerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(Server);
        ArgumentNullException.ThrowIfNull(Consumer);

        // Read everything now, so that a bad URL fails the registration, and later changes to this module do not reach a container.
        var registry = RegistryOptions.Parse(Registry);
        var server = CopyOf(Server, registry);
        server.Validate();
        var client = new ClientOptions { Registry = registry.Clone(), Extensions = server.Extensions, LoggerFactory = server.LoggerFactory, TimeProvider = server.TimeProvider };
        var consumer = Consumer;

        builder.Register(_ => new BhrpcRuntime(server, client, consumer)).AsSelf().SingleInstance();
        foreach (var type in ServiceScanner.FindServiceTypes(ScanAssemblies ?? []))
        {
            builder.RegisterType(type)
                .AsSelf()
                .As([.. ServiceScanner.AttributesOf(type).Select(a => a.Interface).Distinct()])
                .SingleInstance();
        }

        builder.RegisterBuildCallback(static scope => ServiceExporter.Export(scope));
    }

    /// <inheritdoc />
    protected override void AttachToComponentRegistration(IComponentRegistryBuilder componentRegistry, IComponentRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        registration.ConfigurePipeline(pipeline => pipeline.Use(ReferenceInjectionMiddleware.Instance));
    }

    private static ServerOptions CopyOf(ServerOptions source, RegistryOptions registry)
    {
        var copy = source.Clone();
        copy.Registry = registry.Clone();
        return copy;
    }
}
