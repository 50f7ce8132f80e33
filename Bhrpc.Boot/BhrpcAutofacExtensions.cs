using Autofac;
using Bhrpc.Boot.Internal;

namespace Bhrpc.Boot;

/// <summary>
/// <c>[RpcReference]</c> field and property injection under Autofac.
/// <code>
/// builder.ConfigureContainer(new AutofacServiceProviderFactory(), c => c.AddBhrpcInjection());
/// </code>
/// </summary>
public static class BhrpcAutofacExtensions
{
    /// <summary>
    /// Sets the <c>[RpcReference]</c> members of every component when it is activated, with proxies from the
    /// host's bhrpc client (so <c>AddBhrpc</c> must have been called on the services).
    /// </summary>
    public static ContainerBuilder AddBhrpcInjection(this ContainerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.RegisterModule<ReferenceInjectionModule>();
        return builder;
    }
}
