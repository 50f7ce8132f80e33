using Autofac;
using Autofac.Builder;

namespace Bhrpc.Spring.Autofac;

/// <summary>Registers bhrpc references in an Autofac container that has a <see cref="BhrpcModule"/>.</summary>
public static class BhrpcContainerBuilderExtensions
{
    /// <summary>
    /// Makes <typeparamref name="T"/> resolvable as a proxy (one per container). The reference starts from the
    /// module's <see cref="BhrpcModule.Consumer"/> defaults; <paramref name="configure"/> overrides them.
    /// The container never disposes the proxy (disposing it would be a remote call).
    /// </summary>
    public static IRegistrationBuilder<T, SimpleActivatorData, SingleRegistrationStyle> RegisterRpcReference<T>(this ContainerBuilder builder, Action<ReferenceOptions>? configure = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!typeof(T).IsInterface)
        {
            throw new RpcException(RpcStatusCode.Configuration, $"RegisterRpcReference<{typeof(T).FullName}>: a reference needs a service interface.");
        }

        return builder.Register(context =>
            {
                var injector = context.Resolve<BhrpcRuntime>().Injector;
                var options = (injector.Defaults ?? new Attributes.ConsumerDefaults()).NewReference(typeof(T));
                configure?.Invoke(options);
                return (T)injector.ProxyFor(options);
            })
            .As<T>()
            .SingleInstance()
            .ExternallyOwned();
    }
}
