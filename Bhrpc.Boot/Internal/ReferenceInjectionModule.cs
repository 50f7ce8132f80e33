using Autofac;
using Autofac.Core;
using Autofac.Core.Registration;

namespace Bhrpc.Boot.Internal;

/// <summary>Adds <see cref="ReferenceInjectionMiddleware"/> to every component's pipeline.</summary>
internal sealed class ReferenceInjectionModule : Module
{
    protected override void AttachToComponentRegistration(IComponentRegistryBuilder componentRegistry, IComponentRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        registration.ConfigurePipeline(pipeline => pipeline.Use(ReferenceInjectionMiddleware.Instance));
    }
}
