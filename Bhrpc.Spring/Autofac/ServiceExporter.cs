using Autofac;
using Autofac.Core;
using Bhrpc.Injection;

namespace Bhrpc.Spring.Autofac;

/// <summary>At container build: resolves every component whose class carries <c>[RpcService]</c> and starts the server.</summary>
internal static class ServiceExporter
{
    /// <summary>Exports the <c>[RpcService]</c> components of <paramref name="scope"/> through its <see cref="BhrpcRuntime"/>.</summary>
    public static void Export(ILifetimeScope scope)
    {
        var services = new List<ServiceOptions>();
        foreach (var registration in scope.ComponentRegistry.Registrations)
        {
            if (ServiceScanner.AttributesOf(registration.Activator.LimitType).Count == 0)
            {
                continue;
            }

            services.AddRange(ServiceScanner.ServicesOf(Resolve(scope, registration)));
        }

        // Resolving the runtime here makes the root scope own it, so disposing the container stops the server.
        scope.Resolve<BhrpcRuntime>().StartServer(services);
    }

    private static object Resolve(ILifetimeScope scope, IComponentRegistration registration)
    {
        // Resolve through a service for which this registration is the default, so that sharing
        // (single instance) and decorators apply as they do for any other resolve.
        foreach (var service in registration.Services)
        {
            if (scope.ComponentRegistry.TryGetServiceRegistration(service, out var serviceRegistration)
                && serviceRegistration.Registration.Id == registration.Id)
            {
                return scope.ResolveComponent(new ResolveRequest(service, serviceRegistration, []));
            }
        }

        throw new RpcException(RpcStatusCode.Configuration, $"the [RpcService] component {registration.Activator.LimitType.FullName} is hidden by a later registration of each of its services; register it as itself (AsSelf) too.");
    }
}
